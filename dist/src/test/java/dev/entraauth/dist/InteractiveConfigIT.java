package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config create} and {@code config edit} answered by a person at a real terminal. */
class InteractiveConfigIT {
    static final String SECRET = "typed-Canary_secret~9";
    static final String PASSPHRASE = "typed passphrase 123";

    @TempDir
    Path home;

    private Map<String, String> environment() {
        return Map.of("ENTRA_AUTH_CLI_HOME", home.toString(), "PATH", System.getenv("PATH"), "LANG", "C.UTF-8");
    }

    @Test
    void createAsksEachQuestionAndNeverEchoesTheSecretOrThePassphrase() throws Exception {
        try (PseudoTerminal terminal = PseudoTerminal.start(Image.LAUNCHER + " config create", environment())) {
            terminal.expect("Profile name [default]: ").type("dev-graph")
                    .expect("Tenant ID (GUID or domain): ").type("contoso.onmicrosoft.com")
                    .expect("Client ID (application ID): ").type("not-a-guid")
                    .expect("is not a GUID").expect("Client ID (application ID): ").type("11111111-2222-3333-4444-555555555555")
                    .expect("Authentication method:").expect("Select 1-3 [1]: ").type("1")
                    .expect("Client secret:").expect("1) Create new").expect("2) Enter existing").expect("Select 1-2 [1]: ").type("2")
                    .expect("Enter client secret: ").type(SECRET)
                    .expect("Set default OAuth2 flow? (y/n) [n]: ").type("y")
                    .expect("Select 1-4 [1]: ").type("")
                    .expect("Scopes (space-separated) [https://graph.microsoft.com/.default]: ").type("")
                    .expect("Environment label").type("dev")
                    .expect("New passphrase for the secret store: ").type(PASSPHRASE)
                    .expect("Repeat the passphrase: ").type(PASSPHRASE)
                    .expect("Profile 'dev-graph' saved");

            assertEquals(0, terminal.exitCode(), terminal.screen());
            assertFalse(terminal.screen().contains(SECRET), "the secret was echoed:\n" + terminal.screen());
            assertFalse(terminal.screen().contains(PASSPHRASE), "the passphrase was echoed:\n" + terminal.screen());
        }
        String profiles = Files.readString(home.resolve("profiles.json"));
        assertTrue(profiles.contains("\"name\" : \"dev-graph\"") && profiles.contains("\"defaultFlow\" : \"ClientCredentials\"")
                && profiles.contains("\"environment\" : \"dev\""), profiles);
        assertFalse(profiles.contains(SECRET));
    }

    @Test
    void editOffersTheCurrentValuesAndReplacesTheSecretAfterAskingForThePassphrase() throws Exception {
        Image image = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", PASSPHRASE);
        assertEquals(0, image.runWithInput("old-secret\n", "config", "create", "--no-prompt", "--name", "svc", "--tenant-id",
                "contoso.onmicrosoft.com", "--client-id", "11111111-2222-3333-4444-555555555555", "--secret-stdin").exitCode());

        try (PseudoTerminal terminal = PseudoTerminal.start(Image.LAUNCHER + " config edit -p svc", environment())) {
            terminal.expect("Tenant ID [contoso.onmicrosoft.com]: ").type("")
                    .expect("Client ID [11111111-2222-3333-4444-555555555555]: ").type("")
                    .expect("Select 1-5 [1]: ").type("")
                    .expect("Set default OAuth2 flow? (y/n) [n]: ").type("n")
                    .expect("Scopes (space-separated)").type("api://svc/.default")
                    .expect("Environment label").type("prod")
                    .expect("Update client secret? (y/n) [n]: ").type("y")
                    .expect("Select 1-2 [1]: ").type("2")
                    .expect("Enter client secret: ").type(SECRET)
                    .expect("Passphrase for the secret store: ").type(PASSPHRASE)
                    .expect("Profile 'svc' updated");
            assertEquals(0, terminal.exitCode(), terminal.screen());
            assertFalse(terminal.screen().contains(SECRET) || terminal.screen().contains(PASSPHRASE), terminal.screen());
        }
        Image.Result show = image.run("config", "show", "-p", "svc", "--output", "json");
        assertTrue(show.out().contains("api://svc/.default") && show.out().contains("\"environment\" : \"prod\""), show.out());
    }

    @Test
    void deleteAsksForConfirmation() throws Exception {
        Image image = new Image(home);
        assertEquals(0, image.run("config", "create", "--no-prompt", "--name", "me", "--tenant-id", "organizations",
                "--client-id", "11111111-2222-3333-4444-555555555555", "--auth-method", "PublicClient").exitCode());

        try (PseudoTerminal terminal = PseudoTerminal.start(Image.LAUNCHER + " config delete -p me", environment())) {
            terminal.expect("Delete profile 'me' and its secrets? (y/n) [n]: ").type("y").expect("Profile 'me' deleted");
            assertEquals(0, terminal.exitCode(), terminal.screen());
        }
        assertEquals(6, image.run("config", "show", "-p", "me").exitCode());
    }
}
