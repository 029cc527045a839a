package dev.entraauth.flows.clientcredentials.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.token.Jwt;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.FederatedIssuer;
import dev.entraauth.testkit.flow.InMemoryFlowContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workload identity federation: a federated token file (AZURE_FEDERATED_TOKEN_FILE, or a path in the profile) sent
 * as the client assertion of the ClientCredentials flow, against the emulator, which verifies it against the
 * registered issuer and the app's federated credential.
 */
class FederatedTokenFlowTest {
    static final List<String> GRAPH = List.of("https://graph.microsoft.com/.default");
    static final String SUBJECT = "system:serviceaccount:orders:orders-api";

    @TempDir
    Path dir;

    EntraEmulator entra;
    FederatedIssuer cluster;
    InMemoryFlowContext context;
    Path tokenFile;
    final ClientCredentialsFlow flow = new ClientCredentialsFlow();

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        cluster = entra.addFederatedIssuer("https://oidc.prod-aks.azure.com/11111111-2222-3333-4444-555555555555/");
        entra.seed().confidentialApp().addFederatedCredential(cluster.issuer(), SUBJECT, FederatedIssuer.DEFAULT_AUDIENCE);
        context = InMemoryFlowContext.trusting(entra, dir);
        tokenFile = dir.resolve("azure-identity-token");
        context.env("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString());
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    Profile.Builder profile() {
        return Profile.builder("workload").tenantId(entra.seed().tenant().id()).clientId(entra.seed().confidentialApp().clientId())
                .authMethod(AuthMethod.FederatedToken).cloud(Cloud.Custom).authorityHost(URI.create(entra.baseUrl())).scopes(GRAPH);
    }

    TokenResult acquire(Profile profile) throws AuthException {
        return flow.acquire(new TokenRequest(profile, GRAPH, true, Duration.ofMinutes(1), false), context);
    }

    static String jti(String token) throws Exception {
        return Jwt.decode(token).string("jti").orElseThrow();
    }

    @Test
    void theTokenFileIsReadAgainForEveryRequestSoARotatedTokenIsTheOneSent() throws Exception {
        String first = cluster.mint(SUBJECT, FederatedIssuer.DEFAULT_AUDIENCE, Duration.ofHours(1));
        String second = cluster.mint(SUBJECT, FederatedIssuer.DEFAULT_AUDIENCE, Duration.ofHours(1));
        Files.writeString(tokenFile, first + "\n");
        TokenResult one = acquire(profile().build());

        Files.writeString(tokenFile, second);   // the kubelet rotates the projected token
        TokenResult two = acquire(profile().build());

        assertEquals(List.of(jti(first), jti(second)), entra.acceptedFederatedTokens());
        Map<String, Object> claims = Jwt.decode(two.accessToken()).claims();
        assertEquals(entra.seed().confidentialApp().clientId(), claims.get("appid"));
        assertFalse(one.accessToken().equals(two.accessToken()));
        assertFalse(context.stderr().contains(first) || context.stderr().contains(second), "a federated token was shown");
    }

    @Test
    void aPathInTheProfileIsUsedBeforeTheVariable() throws Exception {
        Path own = Files.writeString(dir.resolve("own-token"), cluster.mint(SUBJECT, FederatedIssuer.DEFAULT_AUDIENCE, Duration.ofHours(1)));
        Files.writeString(tokenFile, "not.a-token.here");
        acquire(profile().federatedTokenFile(own.toString()).build());
        assertEquals(1, entra.acceptedFederatedTokens().size());
    }

    @Test
    void aTokenForAnotherSubjectIsRefusedByEntraWithExit10() throws Exception {
        Files.writeString(tokenFile, cluster.mint("system:serviceaccount:other:intruder", FederatedIssuer.DEFAULT_AUDIENCE, Duration.ofHours(1)));
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertTrue(e.getMessage().startsWith("AADSTS700213"), e.getMessage());
    }

    @Test
    void aTokenOfAnIssuerTheAppDoesNotTrustOrForAnotherAudienceIsRefused() throws Exception {
        FederatedIssuer github = entra.addFederatedIssuer("https://token.actions.githubusercontent.com");
        Files.writeString(tokenFile, github.mint(SUBJECT, FederatedIssuer.DEFAULT_AUDIENCE, Duration.ofHours(1)));
        AuthException issuer = assertThrows(AuthException.class, () -> acquire(profile().build()));
        Files.writeString(tokenFile, cluster.mint(SUBJECT, "api://something-else", Duration.ofHours(1)));
        AuthException audience = assertThrows(AuthException.class, () -> acquire(profile().build()));

        assertTrue(issuer.getMessage().startsWith("AADSTS700211"), issuer.getMessage());
        assertTrue(audience.getMessage().startsWith("AADSTS700212"), audience.getMessage());
        assertEquals(List.of(), entra.acceptedFederatedTokens());
    }

    @Test
    void anExpiredFederatedTokenIsRefused() throws Exception {
        Files.writeString(tokenFile, cluster.mint(SUBJECT, FederatedIssuer.DEFAULT_AUDIENCE, Duration.ofMinutes(-30)));
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertTrue(e.getMessage().startsWith("AADSTS700024"), e.getMessage());
    }

    @Test
    void withoutTheVariableOrAFileTheErrorSaysWhatToSetBeforeAnyRequest() throws Exception {
        InMemoryFlowContext bare = InMemoryFlowContext.trusting(entra, Files.createDirectories(dir.resolve("bare")));
        AuthException unset = assertThrows(AuthException.class,
                () -> flow.acquire(new TokenRequest(profile().build(), GRAPH, true, Duration.ofMinutes(1), false), bare));
        AuthException missing = assertThrows(AuthException.class, () -> acquire(profile().build()));
        Files.writeString(tokenFile, "   \n");
        AuthException empty = assertThrows(AuthException.class, () -> acquire(profile().build()));

        assertEquals(ExitCode.USAGE, unset.exitCode());
        assertTrue(unset.getMessage().contains("AZURE_FEDERATED_TOKEN_FILE"), unset.getMessage());
        assertTrue(unset.getMessage().contains("--federated-token-file"), unset.getMessage());
        assertEquals(ExitCode.NOT_FOUND, missing.exitCode());
        assertTrue(missing.getMessage().contains(tokenFile + " does not exist"), missing.getMessage());
        assertEquals(ExitCode.AUTHENTICATION, empty.exitCode());
        assertTrue(empty.getMessage().contains("does not hold a JWT"), empty.getMessage());
        assertEquals(List.of(), entra.requests().stream().filter(r -> r.path().endsWith("/token")).toList());
    }
}
