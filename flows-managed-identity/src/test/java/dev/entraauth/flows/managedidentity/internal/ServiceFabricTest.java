package dev.entraauth.flows.managedidentity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.testkit.ConnectProxy;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.Fault;
import dev.entraauth.testkit.RecordedRequest;
import dev.entraauth.testkit.flow.InMemoryFlowContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service Fabric's managed identity against the emulator's endpoint, over real TLS: the server's certificate pinned
 * by the SHA-1 thumbprint in {@code IDENTITY_SERVER_THUMBPRINT} (nothing else trusted), the {@code secret} header,
 * the same bounds and retries as every other source.
 */
class ServiceFabricTest {
    static final List<String> GRAPH = List.of("https://graph.microsoft.com/.default");
    static final String PATH = "/servicefabric/metadata/identity/oauth2/token";

    @TempDir
    Path home;

    EntraEmulator entra;
    InMemoryFlowContext context;
    RecordingSleeper sleeper;
    ManagedIdentityFlow flow;

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        sleeper = new RecordingSleeper();
        flow = new ManagedIdentityFlow(env -> Optional.empty(), Duration.ofSeconds(20), sleeper);
        context = new InMemoryFlowContext(Map.of(), home)
                .env("IDENTITY_ENDPOINT", entra.serviceFabricIdentityEndpoint())
                .env("IDENTITY_HEADER", entra.appServiceIdentityHeader())
                .env("IDENTITY_SERVER_THUMBPRINT", ThumbprintTrust.thumbprint(entra.serverCertificate()));
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    static Profile.Builder profile() {
        return Profile.builder("fabric").authMethod(AuthMethod.ManagedIdentity);
    }

    TokenResult acquire(Profile profile) throws AuthException {
        return flow.acquire(new TokenRequest(profile, GRAPH, true, Duration.ofMinutes(5), false), context);
    }

    List<RecordedRequest> requests() {
        return entra.requests().stream().filter(r -> r.path().equals(PATH)).toList();
    }

    static String claim(String token, String name) throws Exception {
        return String.valueOf(dev.entraauth.core.token.Jwt.decode(token).claims().get(name));
    }

    @Test
    void theSystemAssignedIdentityGetsATokenFromTheEndpointWhoseCertificateIsPinnedNeverThroughTheProxy() throws Exception {
        try (ConnectProxy proxy = ConnectProxy.start()) {
            context.env("HTTPS_PROXY", proxy.url()).env("https_proxy", proxy.url());
            TokenResult token = acquire(profile().build());

            assertEquals(entra.seed().systemIdentity().servicePrincipalId(), claim(token.accessToken(), "oid"));
            assertTrue(claim(token.accessToken(), "aud").startsWith("https://graph.microsoft.com"), token.accessToken());
            assertTrue(token.expiresOn().isAfter(java.time.Instant.now().plusSeconds(3600)), token.expiresOn().toString());
            assertEquals(entra.seed().tenant().id(), token.tenantId());
            assertEquals(1, requests().size(), entra.requests().toString());
            assertEquals("https://graph.microsoft.com", requests().getFirst().scope());
            assertEquals(List.of(), proxy.requests());
        }
    }

    @Test
    void aUserAssignedIdentityIsNamedInTheQuery() throws Exception {
        var identity = entra.seed().userIdentity();
        TokenResult token = acquire(profile().clientId(identity.clientId()).build());
        assertEquals(identity.servicePrincipalId(), claim(token.accessToken(), "oid"));
    }

    @Test
    void aServerWhoseCertificateIsNotThePinnedOneIsRefusedBeforeAnyRequest() {
        context.env("IDENTITY_SERVER_THUMBPRINT", "0123456789ABCDEF0123456789ABCDEF01234567");
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));

        assertEquals(ExitCode.NETWORK, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("failed the TLS handshake: the server's certificate has thumbprint "), e.getMessage());
        assertTrue(e.getMessage().contains("not IDENTITY_SERVER_THUMBPRINT 0123456789ABCDEF0123456789ABCDEF01234567"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(0, requests().size(), "no HTTP request reached the server");
    }

    @Test
    void aWrongSecretIsRefusedWithExit10AndServiceFabricsOwnError() {
        context.env("IDENTITY_HEADER", "not-the-secret");
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode(), e.getMessage());
        assertEquals("Service Fabric (IDENTITY_ENDPOINT): HTTP 401: SecretHeaderNotFound: Secret is not found in the request headers.",
                e.getMessage());
        assertEquals(1, requests().size());
    }

    @Test
    void serverErrorsAreRetriedOnTheSameScheduleAsEveryOtherSource() throws Exception {
        entra.addFault(Fault.status(503, 0, 2).onPath(PATH));
        acquire(profile().build());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeper.waits());
        assertEquals(3, requests().size());
    }

    @Test
    void aPlainHttpEndpointIsRefusedBeforeAnyRequest() {
        context.env("IDENTITY_ENDPOINT", "http://127.0.0.1:1/metadata/identity/oauth2/token");
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
        assertEquals(ExitCode.CONFIG, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("IDENTITY_ENDPOINT is not https"), e.getMessage());
    }

    @Test
    void aSlowServerErrorDoesNotHoldServiceFabricBeyondTheTimeout() {
        // Service Fabric is not behind the flow's future.get: the transport alone must keep it within --timeout.
        // Three quick 503s (waits 1, 2, 4 s of the 8 s), then one that takes 20 s: the last attempt gets what is left.
        sleeper = RecordingSleeper.overRealTime();
        flow = new ManagedIdentityFlow(env -> Optional.empty(), Duration.ofSeconds(20), sleeper);
        entra.addFault(Fault.status(503, 0, 3).onPath(PATH));
        entra.addFault(new Fault(503, 0, 20_000, false, 1, PATH));
        AuthException e = assertThrows(AuthException.class,
                () -> flow.acquire(new TokenRequest(profile().build(), GRAPH, true, Duration.ofSeconds(8), false), context));
        Duration took = Duration.ofNanos(sleeper.nanoTime());

        assertEquals(ExitCode.TIMEOUT, e.exitCode(), e.getMessage());
        // the 8 s deadline plus a margin for a loaded machine; without the bound 7 s of waits + an 8 s request
        assertTrue(took.compareTo(Duration.ofMillis(10_500)) < 0, "took " + took);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), sleeper.waits());
        assertTrue(e.getMessage().contains("--timeout of 8 s"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void aServiceFabricEndpointSlowToGiveItsFirstAnswerIsWaitedFor() throws Exception {
        // declared by the environment and forwarding to Entra: the IMDS first-answer bound does not apply
        flow = new ManagedIdentityFlow(env -> Optional.empty(), Duration.ofSeconds(1), sleeper);
        entra.addFault(new Fault(0, 0, 2_500, false, 1, PATH));
        TokenResult token = acquire(profile().build());

        assertFalse(token.accessToken().isEmpty());
        assertEquals(1, requests().size());
    }

    @Test
    void anExpiredPinnedCertificateIsRefusedWithAMessageSayingItExpired() throws Exception {
        // keytool (the JDK's) makes a certificate valid for one day from three days ago: expired, but pinned
        Path store = home.resolve("expired.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "sf", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=servicefabric",
                "-startdate", "-3d", "-validity", "1", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit").redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(0, keytool.waitFor());
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        java.security.cert.X509Certificate expired = (java.security.cert.X509Certificate) keys.getCertificate("sf");
        ThumbprintTrust trust = new ThumbprintTrust(ThumbprintTrust.thumbprint(expired));

        var e = assertThrows(java.security.cert.CertificateException.class,
                () -> trust.checkServerTrusted(new java.security.cert.X509Certificate[] {expired}, "RSA"));
        assertTrue(e.getMessage().startsWith("the pinned certificate (IDENTITY_SERVER_THUMBPRINT "
                + ThumbprintTrust.thumbprint(expired) + ") expired on " + expired.getNotAfter().toInstant()), e.getMessage());
    }
}
