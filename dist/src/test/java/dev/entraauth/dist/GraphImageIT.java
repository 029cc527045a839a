package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.Application;
import dev.entraauth.testkit.ClientSecret;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microsoft Graph through the jlink image, signed in as the user through Debian's headless Chromium: a client
 * secret created for a profile by {@code config create --create-secret} that then gets a token; and
 * {@code discover -s} at a real terminal ({@code TERM=xterm}: lists chosen with the arrow keys), from the
 * selection list to a profile whose new secret gets a token.
 */
class GraphImageIT {
    @TempDir
    Path home;

    @TempDir
    Path browserDir;

    private Image image(EntraEmulator entra) throws Exception {
        return Image.against(entra, home)
                .env("ENTRA_AUTH_CLI_GRAPH_URL", entra.graphBaseUrl())
                .env("BROWSER", InteractiveBrowserImageIT.browserScript(entra, browserDir, browserDir.resolve("page.html")) + " %s");
    }

    @Test
    void createSecretSignsInThroughTheBrowserCreatesTheSecretAndTheProfileGetsATokenWithIt() throws Exception {
        assertTrue(Files.isExecutable(InteractiveBrowserImageIT.CHROMIUM), "install Debian's chromium (.ci/run does)");
        try (EntraEmulator entra = EntraEmulator.start()) {
            entra.autoApprove(true);
            Application app = entra.seed().tenant().addApplication("Orders API");
            Image image = image(entra);

            Image.Result create = image.run("config", "create", "--no-prompt", "--name", "orders", "--tenant-id",
                    entra.seed().tenant().id(), "--client-id", app.clientId(), "--authority-host", entra.baseUrl(),
                    "--create-secret", "--scope", "https://graph.microsoft.com/.default");

            assertEquals(0, create.exitCode(), create.err());
            ClientSecret secret = app.secrets().getLast();
            assertTrue(secret.displayName().matches("EAC-EXP-\\d{2}-[A-Z]{3}-\\d{2}"), secret.displayName());
            for (String line : List.of("Creating a new secret requires signing in with an account that has",
                    "Opening browser for authentication...", "Secret " + secret.displayName() + " created in Orders API",
                    "✓ Secret created and saved to profile")) {
                assertTrue(create.err().contains(line), "missing '" + line + "' in:\n" + create.err());
            }
            assertFalse(create.err().contains(secret.value()) || create.out().contains(secret.value()), "the secret was printed");
            assertNoFileHolds(secret.value());
            RecordedRequest signIn = entra.requests().stream().filter(r -> r.path().endsWith("/token")).findFirst().orElseThrow();
            assertEquals("14d82eec-204b-4c2f-b7e8-296a70dab67e", signIn.clientId());
            assertEquals("authorization_code", signIn.grantType());

            Image.Result token = image.run("get-token", "-p", "orders", "--silent");
            Image.Result list = image.run("config", "list");

            assertEquals(0, token.exitCode(), token.err());
            assertTrue(token.out().startsWith("ey"), token.out());
            RecordedRequest last = entra.requests().getLast();
            assertEquals("client_credentials", last.grantType());
            assertEquals(app.clientId(), last.clientId());
            assertTrue(list.out().contains(secret.expiresAt().toString().substring(0, 10)), list.out());
        }
    }

    @Test
    void discoverAtATerminalPicksWithTheArrowKeysAndTheNewProfileWithItsNewSecretGetsAToken() throws Exception {
        assertTrue(Files.isExecutable(InteractiveBrowserImageIT.CHROMIUM), "install Debian's chromium (.ci/run does)");
        try (EntraEmulator entra = EntraEmulator.start()) {
            entra.autoApprove(true);
            entra.seed().tenant().addApplication("Contoso Billing");
            Application orders = entra.seed().tenant().addApplication("Contoso Orders").exposeScope("Orders.Read")
                    .exposeAppRole("Orders.Sync");
            orders.grantApplicationPermission(orders.identifierUri(), "Orders.Sync");
            Image image = image(entra);
            Map<String, String> environment = new HashMap<>(image.environment);
            environment.put("LANG", "C.UTF-8");

            String down = "\u001b[B";
            try (PseudoTerminal terminal = PseudoTerminal.start(Image.LAUNCHER + " discover -s 'Contoso*' --tenant "
                    + entra.seed().tenant().id() + " --authority-host " + entra.baseUrl(), environment, "xterm")) {
                terminal.expect("Applications matching 'Contoso*': (↑/↓ to move, Enter to choose)")
                        .expect("> Contoso Billing").press(down).expect("> Contoso Orders").press("\r")
                        .expect("Profile name [contoso-orders]: ").type("")
                        .expect("Scope:").expect("> " + orders.identifierUri() + "/Orders.Read")
                        .press(down).expect("> " + orders.identifierUri() + "/.default").press("\r")
                        .expect("Authentication method:").expect("> ClientSecret").press("\r")
                        .expect("Client secret:").expect("> Create new").press("\r")
                        .expect("Secret Value (copy now - shown only once!)")
                        .expect("Secret created and saved to profile")
                        .expect("Profile 'contoso-orders' saved");
                assertEquals(0, terminal.exitCode(), terminal.screen());
                assertTrue(terminal.screen().contains(orders.secrets().getLast().value()), "the panel did not show the value");
            }
            assertNoFileHolds(orders.secrets().getLast().value());

            Image.Result token = image.run("get-token", "-p", "contoso-orders", "--silent");

            assertEquals(0, token.exitCode(), token.err());
            Image.Result facts = image.runWithInput(token.out(), "discover", "-", "--output", "json");
            assertTrue(facts.out().contains("Orders.Sync"), facts.out());
        }
    }

    private void assertNoFileHolds(String secret) throws Exception {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(new String(needle, StandardCharsets.ISO_8859_1)), file + " holds the secret");
            }
        }
    }
}
