package dev.entraauth.flows.managedidentity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.testkit.flow.InMemoryFlowContext;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service Fabric's managed identity is refused, at once and saying why: msal4j would send it through an HTTP client
 * of its own, outside the CLI's proxy rule, time limits and retries.
 */
class ServiceFabricRefusalTest {
    @TempDir
    Path home;

    @Test
    void serviceFabricIsRefusedBeforeAnyRequestNamingTheVariablesAndTheReason() throws Exception {
        int port;
        try (ServerSocket listening = new ServerSocket(0)) {
            port = listening.getLocalPort();
            InMemoryFlowContext context = new InMemoryFlowContext(Map.of(
                    "IDENTITY_ENDPOINT", "https://127.0.0.1:" + port + "/metadata/identity/oauth2/token",
                    "IDENTITY_HEADER", "fabric-header",
                    "IDENTITY_SERVER_THUMBPRINT", "0123456789ABCDEF0123456789ABCDEF01234567"), home);
            Profile profile = Profile.builder("fabric").authMethod(AuthMethod.ManagedIdentity).build();
            listening.setSoTimeout(1);

            AuthException e = assertThrows(AuthException.class, () -> new ManagedIdentityFlow(env -> Optional.empty()).acquire(
                    new TokenRequest(profile, List.of("https://vault.azure.net/.default"), false, Duration.ofSeconds(30), false),
                    context));

            assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
            assertTrue(e.getMessage().startsWith("the managed identity here is Service Fabric's"), e.getMessage());
            assertTrue(e.getMessage().contains("outside the CLI's transport"), e.getMessage());
            assertThrows(java.net.SocketTimeoutException.class, listening::accept, "a connection was made to the endpoint");
        }
    }
}
