package dev.entraauth.flows.clientcredentials.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.CertificateSource;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.core.cache.TokenCacheLock;
import dev.entraauth.core.io.FileLocks;
import dev.entraauth.testkit.ConnectProxy;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.Fault;
import dev.entraauth.testkit.RecordedRequest;
import dev.entraauth.testkit.flow.InMemoryFlowContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ClientCredentials flow against the Entra ID emulator, over real HTTPS. */
class ClientCredentialsFlowTest {
    static final List<String> GRAPH = List.of("https://graph.microsoft.com/.default");

    @TempDir
    Path dir;

    EntraEmulator entra;
    Path caBundle;
    InMemoryFlowContext context;
    final ClientCredentialsFlow flow = new ClientCredentialsFlow();

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        caBundle = Files.writeString(dir.resolve("ca.pem"), entra.caCertificatePem());
        context = new InMemoryFlowContext(Map.of("ENTRA_AUTH_CLI_CA_BUNDLE", caBundle.toString()), dir);
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    private Profile profile(String name, AuthMethod method, CertificateSource certificate) {
        return Profile.builder(name).tenantId(entra.seed().tenant().id()).clientId(entra.seed().confidentialApp().clientId())
                .authMethod(method).certificate(certificate).cloud(Cloud.Custom).authorityHost(URI.create(entra.baseUrl()))
                .scopes(GRAPH).build();
    }

    private Profile secretProfile(String secret) {
        context.secretEntries().put(new SecretKey("ci", SecretKey.CLIENT_SECRET).qualifiedName(), secret.getBytes(StandardCharsets.UTF_8));
        return profile("ci", AuthMethod.ClientSecret, null);
    }

    private TokenResult acquire(Profile profile, boolean force, Duration timeout) throws AuthException {
        return flow.acquire(new TokenRequest(profile, GRAPH, force, timeout, false), context);
    }

    private List<RecordedRequest> tokenRequests() {
        return entra.requests().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).toList();
    }

    /** The CLI's environment: the emulator's CA bundle and these variables. */
    private InMemoryFlowContext environment(String... namesAndValues) {
        Map<String, String> environment = new TreeMap<>(Map.of("ENTRA_AUTH_CLI_CA_BUNDLE", caBundle.toString()));
        for (int i = 0; i < namesAndValues.length; i += 2) {
            environment.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new InMemoryFlowContext(environment, dir);
    }

    /** A proxy that alone knows where {@link EntraEmulator#UNRESOLVABLE_HOST} is: the emulator. */
    private ConnectProxy proxyToTheEmulator() {
        ConnectProxy proxy = ConnectProxy.start();
        proxy.route(EntraEmulator.UNRESOLVABLE_HOST, entra.address().getPort(), entra.address());
        return proxy;
    }

    /** The secret profile, with the emulator reached by a name that only the proxy resolves. */
    private Profile secretProfileByUnresolvableName() {
        return secretProfile(entra.seed().clientSecret().value()).toBuilder()
                .authorityHost(URI.create(entra.baseUrl(EntraEmulator.UNRESOLVABLE_HOST))).build();
    }

    @Test
    void aClientSecretGetsATokenAndTheSecondCallIsAnsweredFromTheCacheWithoutARequest() throws Exception {
        Profile profile = secretProfile(entra.seed().clientSecret().value());

        TokenResult first = acquire(profile, false, Duration.ofSeconds(30));
        TokenResult second = acquire(profile, false, Duration.ofSeconds(30));

        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(first.accessToken(), second.accessToken());
        assertEquals(1, tokenRequests().size());
        assertTrue(context.secretEntries().containsKey("ci/token-cache"), "the cache lives in the secret store");
    }

    @Test
    void aCorruptCacheIsMovedAsideWithAWarningAndCountsAsAMiss() throws Exception {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        context.secretEntries().put("ci/token-cache", "{ this is not msal's cache".getBytes(StandardCharsets.UTF_8));

        TokenResult result = acquire(profile, false, Duration.ofSeconds(30));

        assertFalse(result.fromCache());
        assertEquals("{ this is not msal's cache", new String(context.secretEntries().get("ci/token-cache-corrupt"), StandardCharsets.UTF_8));
        assertTrue(context.warnings().stream().anyMatch(w -> w.contains("moved aside")), context.warnings().toString());
        assertTrue(acquire(profile, false, Duration.ofSeconds(30)).fromCache(), "the new cache works");
    }

    @Test
    void aLookupReadsTheCacheWithoutItsLockButSavingANewTokenWaitsForIt() throws Exception {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        TokenResult first = acquire(profile, false, Duration.ofSeconds(30));

        try (FileLocks.Held _ = TokenCacheLock.acquire(dir, "ci")) {
            TokenResult cached = acquire(profile, false, Duration.ofSeconds(30));
            AuthException e = assertThrows(AuthException.class, () -> acquire(profile, true, Duration.ofSeconds(30)));

            assertTrue(cached.fromCache());
            assertEquals(first.accessToken(), cached.accessToken());
            assertEquals(ExitCode.IO, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().contains(TokenCacheLock.file(dir, "ci").toString()), e.getMessage());
        }
        assertEquals(2, tokenRequests().size(), "the forced token was requested, then could not be saved");
    }

    @Test
    void twoProfilesOfTheSameClientInDifferentTenantsNeverShareATokenFromTheCache() throws Exception {
        dev.entraauth.testkit.Tenant other = entra.addTenant("fabrikam.onmicrosoft.com");
        other.addApplication(entra.seed().confidentialApp().clientId(), "same app, other tenant")
                .addSecret("s", entra.seed().clientSecret().value(), java.time.Instant.now().plus(Duration.ofDays(1)));
        Profile contoso = secretProfile(entra.seed().clientSecret().value());
        context.secretEntries().put("fabrikam/client-secret", entra.seed().clientSecret().value().getBytes(StandardCharsets.UTF_8));
        Profile fabrikam = contoso.toBuilder().name("fabrikam").tenantId(other.id()).build();

        TokenResult a = acquire(contoso, false, Duration.ofSeconds(30));
        TokenResult b = acquire(fabrikam, false, Duration.ofSeconds(30));
        TokenResult a2 = acquire(contoso, false, Duration.ofSeconds(30));
        TokenResult b2 = acquire(fabrikam, false, Duration.ofSeconds(30));

        assertFalse(b.fromCache(), "the other tenant's profile does not get the first tenant's cached token");
        assertNotEquals(a.accessToken(), b.accessToken());
        assertEquals(entra.seed().tenant().id(), claim(a.accessToken(), "tid"));
        assertEquals(other.id(), claim(b.accessToken(), "tid"));
        assertEquals(a.accessToken(), a2.accessToken());
        assertEquals(b.accessToken(), b2.accessToken());
        assertEquals(2, tokenRequests().size());
    }

    private static String claim(String jwt, String name) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(payload);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void forceSkipsTheCache() throws Exception {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        TokenResult first = acquire(profile, false, Duration.ofSeconds(30));

        TokenResult forced = acquire(profile, true, Duration.ofSeconds(30));

        assertFalse(forced.fromCache());
        assertNotEquals(first.accessToken(), forced.accessToken());
        assertEquals(2, tokenRequests().size());
    }

    @Test
    void aPfxCertificateWithItsStoredPasswordGetsTokensWithAFreshAssertionEachTime() throws Exception {
        Path pfx = Files.write(dir.resolve("app.pfx"), entra.seededCertificate().pkcs12("pfx-pass".toCharArray()));
        context.secretEntries().put("cert/certificate-password", "pfx-pass".getBytes(StandardCharsets.UTF_8));
        Profile profile = profile("cert", AuthMethod.Certificate, CertificateSource.ofFile(pfx.toString()));

        acquire(profile, true, Duration.ofSeconds(30));
        acquire(profile, true, Duration.ofSeconds(30));

        assertEquals(2, tokenRequests().size(), "the emulator refuses a replayed jti, so both assertions were fresh");
    }

    @Test
    void aPemCertificateGetsAToken() throws Exception {
        Path pem = Files.writeString(dir.resolve("app.pem"), entra.seededCertificate().certificatePem()
                + entra.seededCertificate().privateKeyPem());

        TokenResult result = acquire(profile("pem", AuthMethod.Certificate, CertificateSource.ofFile(pem.toString())), false,
                Duration.ofSeconds(30));

        assertTrue(result.accessToken().startsWith("ey"));
    }

    @Test
    void aWrongSecretIsOneAuthenticationErrorWithTheEntraCodeAndIsNotRetried() {
        Profile profile = secretProfile("not-the-secret-canary");

        AuthException e = assertThrows(AuthException.class, () -> acquire(profile, false, Duration.ofSeconds(30)));

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertTrue(e.getMessage().startsWith("AADSTS7000215:"), e.getMessage());
        assertTrue(e.getMessage().contains("config edit -p ci --secret-stdin"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret-canary"));
        assertEquals(1, tokenRequests().size(), "an OAuth 4xx error is never retried");
    }

    @Test
    void anUnusableCertificateIsReportedBeforeAnyRequest() throws Exception {
        Path pfx = Files.write(dir.resolve("app.pfx"), entra.seededCertificate().pkcs12("right".toCharArray()));
        context.secretEntries().put("cert/certificate-password", "wrong".getBytes(StandardCharsets.UTF_8));

        AuthException e = assertThrows(AuthException.class, () -> acquire(
                profile("cert", AuthMethod.Certificate, CertificateSource.ofFile(pfx.toString())), false, Duration.ofSeconds(30)));

        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().startsWith("certificate password incorrect"), e.getMessage());
        assertEquals(List.of(), entra.requests());
    }

    @Test
    void aScopeWithoutDefaultIsRefusedBeforeAnyRequest() {
        Profile profile = secretProfile(entra.seed().clientSecret().value());

        AuthException e = assertThrows(AuthException.class, () -> flow.acquire(new TokenRequest(profile,
                List.of("https://graph.microsoft.com/User.Read"), false, Duration.ofSeconds(30), false), context));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(List.of(), entra.requests());
    }

    @Test
    void throttlingWithRetryAfterIsHonouredBeforeTheRetry() throws Exception {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        entra.addFault(Fault.status(429, 2, 1).onPath("/" + entra.seed().tenant().id()));

        acquire(profile, false, Duration.ofSeconds(30));

        List<RecordedRequest> requests = tokenRequests();
        assertEquals(2, requests.size());
        Duration gap = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(gap.toMillis() >= 2000, "Retry-After: 2 was honoured, the gap was " + gap);
    }

    @Test
    void twoServiceUnavailableAnswersAreRetriedAndThenSucceed() throws Exception {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        entra.addFault(Fault.status(503, 0, 2));

        TokenResult result = acquire(profile, false, Duration.ofSeconds(30));

        assertTrue(result.accessToken().startsWith("ey"));
        assertEquals(3, tokenRequests().size());
    }

    @Test
    void aServiceThatKeepsFailingIsTriedFourTimesInAllAndIsAServiceError() {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        entra.addFault(Fault.status(503, 0, 10));

        AuthException e = assertThrows(AuthException.class, () -> acquire(profile, false, Duration.ofSeconds(30)));

        assertEquals(ExitCode.SERVICE, e.exitCode(), e.getMessage());
        assertEquals(4, tokenRequests().size(), "4 attempts, msal's own retry included");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {429, 503})
    void aClientLoopDetectedAnswerIsNeverRetriedAndIsAServiceErrorSayingWhy(int status) {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        entra.addFault(Fault.loopDetected(status, 10));

        AuthException e = assertThrows(AuthException.class, () -> acquire(profile, false, Duration.ofSeconds(30)));

        assertEquals(1, tokenRequests().size(), "AADSTS50196 stops the retries, though HTTP " + status + " alone would not");
        assertEquals(ExitCode.SERVICE, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("AADSTS50196: The server terminated an operation"), e.getMessage());
        assertTrue(e.getMessage().contains("request loop") && e.getMessage().contains("cache"), e.getMessage());
    }

    @Test
    void aDroppedConnectionIsRetried() throws Exception {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        entra.addFault(Fault.drop(1));

        assertTrue(acquire(profile, false, Duration.ofSeconds(30)).accessToken().startsWith("ey"));
        assertEquals(2, tokenRequests().size());
    }

    @Test
    void aRedirectedTokenRequestIsNeverFollowed() throws Exception {
        try (EntraEmulator elsewhere = EntraEmulator.start()) {
            Profile profile = secretProfile(entra.seed().clientSecret().value());
            entra.addFault(Fault.redirect(elsewhere.tokenEndpoint(), 1));

            AuthException e = assertThrows(AuthException.class, () -> acquire(profile, false, Duration.ofSeconds(30)));

            assertEquals(List.of(), elsewhere.requests(), "the secret never went to the redirect target");
            assertEquals(1, tokenRequests().size());
            assertFalse(e.getMessage().contains(entra.seed().clientSecret().value()));
        }
    }

    @Test
    void aServerThatNeverAnswersFailsWithATimeoutWithinTheDeadline() {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        entra.addFault(Fault.delay(20_000, 5));
        long started = System.nanoTime();

        AuthException e = assertThrows(AuthException.class, () -> acquire(profile, false, Duration.ofSeconds(2)));

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(ExitCode.TIMEOUT, e.exitCode(), e.getMessage());
        assertTrue(seconds < 10, "gave up after " + seconds + " s");
    }

    @Test
    void aServerWithAnUntrustedCertificateFailsAsANetworkError() {
        Profile profile = secretProfile(entra.seed().clientSecret().value());
        context = new InMemoryFlowContext(Map.of(), dir);
        context.secretEntries().put("ci/client-secret", entra.seed().clientSecret().value().getBytes(StandardCharsets.UTF_8));

        AuthException e = assertThrows(AuthException.class, () -> acquire(profile, false, Duration.ofSeconds(10)));

        assertEquals(ExitCode.NETWORK, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("--ca-bundle"), e.getMessage());
    }

    @Test
    void withHttpsProxySetTheTokenRequestGoesThroughTheProxy() throws Exception {
        try (ConnectProxy proxy = proxyToTheEmulator()) {
            context = environment("HTTPS_PROXY", proxy.url());
            Profile profile = secretProfileByUnresolvableName();

            TokenResult result = acquire(profile, false, Duration.ofSeconds(30));

            assertTrue(result.accessToken().startsWith("ey"));
            String target = EntraEmulator.UNRESOLVABLE_HOST + ":" + entra.address().getPort();
            assertFalse(proxy.requests().isEmpty(), "the proxy saw no request");
            assertEquals(Set.of("CONNECT " + target), Set.copyOf(proxy.requests()), "only tunnels to the emulator's name");
            assertEquals(1, tokenRequests().size());
            String host = URI.create(entra.baseUrl(EntraEmulator.UNRESOLVABLE_HOST)).getRawAuthority();
            assertEquals(List.of(host), entra.requests().stream().map(RecordedRequest::host).distinct().toList(),
                    "every request came by the name only the proxy resolves");
        }
    }

    @Test
    void noProxyCoveringTheHostSendsTheRequestDirectlyWhereTheNameDoesNotResolve() throws Exception {
        try (ConnectProxy proxy = proxyToTheEmulator()) {
            context = environment("HTTPS_PROXY", proxy.url(), "NO_PROXY", "localhost,.entra-emulator.test");
            Profile profile = secretProfileByUnresolvableName();

            AuthException e = assertThrows(AuthException.class, () -> acquire(profile, false, Duration.ofSeconds(30)));

            assertEquals(ExitCode.NETWORK, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot reach Entra ID: UnresolvedAddressException"), e.getMessage());
            assertEquals(List.of(), proxy.requests(), "NO_PROXY kept the request away from the proxy");
            assertEquals(List.of(), entra.requests());
        }
    }

    @Test
    void aLoopbackAuthorityIsNeverSentThroughTheProxy() throws Exception {
        try (ConnectProxy proxy = proxyToTheEmulator()) {
            context = environment("HTTPS_PROXY", proxy.url(), "HTTP_PROXY", proxy.url());
            Profile profile = secretProfile(entra.seed().clientSecret().value());

            TokenResult result = acquire(profile, false, Duration.ofSeconds(30));

            assertTrue(result.accessToken().startsWith("ey"));
            assertTrue(URI.create(entra.baseUrl()).getHost().startsWith("127."), entra.baseUrl());
            assertEquals(List.of(), proxy.requests(), "the proxy would have tunnelled it too, but it was never asked");
            assertEquals(1, tokenRequests().size());
        }
    }
}
