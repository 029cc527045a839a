package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.FederatedIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workload identity federation through the jlink image: the token file is read again by each run. */
class FederatedTokenImageIT {
    static final String SUBJECT = "repo:contoso/orders:ref:refs/heads/main";

    @TempDir
    Path home;

    EntraEmulator entra;

    @BeforeEach
    void start() {
        entra = EntraEmulator.start();
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    @Test
    void aRotatedTokenFileIsTheAssertionOfTheNextCallAndNoTokenIsShown() throws Exception {
        FederatedIssuer github = entra.addFederatedIssuer("https://token.actions.githubusercontent.com");
        entra.seed().confidentialApp().addFederatedCredential(github.issuer(), SUBJECT, FederatedIssuer.DEFAULT_AUDIENCE);
        Path tokenFile = home.resolve("oidc-token");
        String first = github.mint(SUBJECT, FederatedIssuer.DEFAULT_AUDIENCE, Duration.ofMinutes(10));
        String second = github.mint(SUBJECT, FederatedIssuer.DEFAULT_AUDIENCE, Duration.ofMinutes(10));
        Image image = Image.against(entra, home).env("AZURE_FEDERATED_TOKEN_FILE", tokenFile.toString());
        Image.Result created = image.run("config", "create", "--no-prompt", "--name", "gha", "--tenant-id", entra.seed().tenant().id(),
                "--client-id", entra.seed().confidentialApp().clientId(), "--auth-method", "FederatedToken",
                "--authority-host", entra.baseUrl(), "--scope", "https://graph.microsoft.com/.default");
        assertEquals(0, created.exitCode(), created.all());

        Files.writeString(tokenFile, first);
        Image.Result one = image.run("get-token", "-p", "gha", "--debug");
        Files.writeString(tokenFile, second);
        Image.Result two = image.run("get-token", "-p", "gha", "--force", "--debug");

        assertEquals(0, one.exitCode(), one.all());
        assertEquals(0, two.exitCode(), two.all());
        assertEquals(2, entra.acceptedFederatedTokens().size(), entra.acceptedFederatedTokens().toString());
        assertFalse(entra.acceptedFederatedTokens().get(0).equals(entra.acceptedFederatedTokens().get(1)));
        for (String token : List.of(first, second)) {
            assertFalse(one.all().contains(token) || two.all().contains(token), "a federated token was shown");
            assertFalse(Files.readString(home.resolve("profiles.json")).contains(token));
        }
        assertTrue(Files.readString(home.resolve("profiles.json")).contains("\"authMethod\" : \"FederatedToken\""));
    }
}
