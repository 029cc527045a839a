package dev.entraauth.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.Application;
import dev.entraauth.testkit.ClientSecret;
import dev.entraauth.testkit.EntraEmulator;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Client secret: Create new" in {@code config create} and {@code config edit}, against the emulator's Microsoft
 * Graph over HTTPS, the sign-in stood in for by {@link GraphStandIn}; everything after it — Graph calls, the
 * panel, the fallback, what is saved — is the CLI's own.
 */
class ClientSecretCreationTest {
    private static final String GRAPH = GraphStandIn.GRAPH;

    @TempDir
    Path home;

    private EntraEmulator entra;
    private GraphStandIn signIn;
    private Application app;

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        signIn = new GraphStandIn(entra);
        app = entra.seed().tenant().addApplication("Orders API");
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    private CliRun cli(ScriptedTerminal terminal) throws Exception {
        return signIn.cli(home, terminal);
    }

    private void grantWrite() {
        entra.seed().confidentialApp().grantApplicationPermission(GRAPH, "Application.ReadWrite.All");
    }

    private String tenant() {
        return entra.seed().tenant().id();
    }

    @Test
    void createNewMakesASecretNamedAfterItsExpiryShowsItOnceAndSavesItAndItsExpiryToTheProfile() throws Exception {
        grantWrite();
        ScriptedTerminal terminal = new ScriptedTerminal("orders", tenant(), app.clientId(), "1", "1", "n", "", "");
        CliRun cli = cli(terminal);

        int code = cli.run("config", "create");

        assertEquals(0, code, cli.err);
        ClientSecret created = app.secrets().getLast();
        Instant expiry = CliRun.NOW.plus(Duration.ofDays(180));
        assertEquals("EAC-EXP-21-MAY-27", created.displayName());
        assertEquals(expiry, created.expiresAt());
        assertEquals(created.value(), cli.store.text("orders/client-secret"));
        assertTrue(cli.err.contains("Client secret:\n  1) Create new\n  2) Enter existing"), cli.err);
        assertTrue(cli.err.contains("Creating a new secret requires signing in with an account that has\n"
                + "Application.ReadWrite.All or Application.ReadWrite.OwnedBy permission.\n"), cli.err);
        assertTrue(cli.err.contains("│ ⚠ Secret Value (copy now - shown only once!)"), cli.err);
        assertTrue(cli.err.contains("│ " + created.value() + " "), "the panel does not show the value once: " + cli.err);
        assertEquals(1, count(cli.err, created.value()), "the value is shown more than once");
        assertTrue(cli.err.contains("│ Application     │ Orders API"), cli.err);
        assertTrue(cli.err.contains("│ Secret Name     │ EAC-EXP-21-MAY-27"), cli.err);
        assertTrue(cli.err.contains("│ Expires         │ 21 May 2027 (180 days)"), cli.err);
        assertTrue(cli.err.contains("✓ Secret created and saved to profile"), cli.err);
        String profiles = Files.readString(home.resolve("profiles.json"));
        assertTrue(profiles.contains("\"credentialExpiry\" : \"" + expiry + "\""), profiles);
        assertFalse(profiles.contains(created.value()), "profiles.json holds the secret");
        assertEquals("", cli.out);
        assertEquals(List.of(List.of(GRAPH + "/Application.ReadWrite.All")), signIn.asked);
        assertEquals("graph.sign-in", signIn.profiles.getFirst().name());
        assertEquals(tenant(), signIn.profiles.getFirst().tenantId());
        assertEquals(dev.entraauth.graph.GraphAccess.CLIENT_ID, signIn.profiles.getFirst().clientId());
    }

    @Test
    void createSecretInAScriptSavesTheSecretWithoutShowingItAndTheNextProfileReusesTheGraphSignIn() throws Exception {
        grantWrite();
        CliRun first = cli(null);
        CliRun second = cli(null);

        int firstCode = first.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", tenant(),
                "--client-id", app.clientId(), "--create-secret", "--scope", GRAPH + "/.default");
        second.store.entries.putAll(first.store.entries);
        int secondCode = second.run("config", "create", "--no-prompt", "--name", "ci2", "--tenant-id", tenant(),
                "--client-id", app.clientId(), "--create-secret", "--scope", GRAPH + "/.default");

        assertEquals(0, firstCode, first.err);
        assertEquals(0, secondCode, second.err);
        ClientSecret created = app.secrets().getFirst();
        assertEquals(created.value(), first.store.text("ci/client-secret"));
        assertFalse(first.err.contains(created.value()), "a script's stderr holds the secret: " + first.err);
        assertTrue(first.err.contains("Secret EAC-EXP-21-MAY-27 created in Orders API (value not shown without a terminal;"), first.err);
        assertEquals(2, app.secrets().size(), "rotation keeps the first secret");
        assertEquals(1, signIn.asked.size(), "the Graph token was not reused from the cache");

        CliRun clear = cli(null);
        clear.store.entries.putAll(second.store.entries);
        assertEquals(0, clear.run("clear-cache", "--all"), clear.err);
        assertTrue(clear.store.entries.keySet().stream().noneMatch(k -> k.startsWith("graph.sign-in/token-cache")),
                "clear-cache --all kept the Graph sign-in: " + clear.store.entries.keySet());
    }

    @Test
    void withoutPermissionTheUserIsToldWhatIsNeededAndMayEnterAnExistingSecretInstead() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("orders", tenant(), app.clientId(), "1", "1", "n", "", "", "y",
                "typed-existing-secret");
        CliRun cli = cli(terminal);

        int code = cli.run("config", "create");

        assertEquals(0, code, cli.err);
        assertTrue(cli.err.contains("⚠ Insufficient permissions to create client secret.\n"
                + "Required permission: Application.ReadWrite.All or Application.ReadWrite.OwnedBy\n"), cli.err);
        assertTrue(terminal.prompts.contains("Would you like to enter an existing secret instead? (y/n) [n]"), terminal.prompts.toString());
        assertEquals("typed-existing-secret", cli.store.text("orders/client-secret"));
        assertEquals(List.of(), app.secrets());
        assertFalse(Files.readString(home.resolve("profiles.json")).contains("credentialExpiry"));
        assertFalse(cli.err.contains("Secret created"), cli.err);
    }

    @Test
    void anUnknownApplicationInAScriptFailsInOneLineNamingTheClientIdAndSavesNothing() throws Exception {
        grantWrite();
        String unknown = "12345678-1234-1234-1234-123456789abc";
        CliRun cli = cli(null);

        int code = cli.run("config", "create", "--no-prompt", "--name", "gone", "--tenant-id", tenant(),
                "--client-id", unknown, "--create-secret", "--scope", GRAPH + "/.default");

        assertEquals(6, code, cli.err);
        assertTrue(cli.err.contains("Application with client ID '" + unknown + "' not found. Causes: App was deleted;"
                + " Client ID is incorrect; You don't have read access to the app"), cli.err);
        assertFalse(Files.exists(home.resolve("profiles.json")), "a profile was saved");
        assertTrue(cli.store.entries.keySet().stream().noneMatch(k -> k.startsWith("gone/")), cli.store.entries.keySet().toString());
    }

    @Test
    void anUnknownApplicationOnATerminalNamesTheCausesAndAcceptsAnExistingSecretInstead() throws Exception {
        grantWrite();
        String unknown = "12345678-1234-1234-1234-123456789abc";
        ScriptedTerminal terminal = new ScriptedTerminal("gone", tenant(), unknown, "1", "1", "n", "", "", "y", "typed-instead");
        CliRun cli = cli(terminal);

        int code = cli.run("config", "create");

        assertEquals(0, code, cli.err);
        assertTrue(cli.err.contains("⚠ Application with client ID '" + unknown + "' not found.\nCauses:\n- App was deleted\n"
                + "- Client ID is incorrect\n- You don't have read access to the app\n"), cli.err);
        assertTrue(terminal.prompts.contains("Would you like to enter an existing secret instead? (y/n) [n]"), terminal.prompts.toString());
        assertEquals("typed-instead", cli.store.text("gone/client-secret"));
    }

    @Test
    void aNetworkErrorDeclinedFallbackExitsWithTheNetworkCodeAndSavesNothing() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ScriptedTerminal terminal = new ScriptedTerminal("orders", tenant(), app.clientId(), "1", "1", "n", "", "", "n");
        CliRun cli = cli(terminal).env(GraphSession.GRAPH_URL_VARIABLE, "https://127.0.0.1:" + closed + "/graph");

        int code = cli.run("config", "create");

        assertEquals(13, code, cli.err);
        assertTrue(cli.err.contains("⚠ Error reading application " + app.clientId() + ": Network error occurred"), cli.err);
        assertFalse(Files.exists(home.resolve("profiles.json")), "a profile was saved");
    }

    @Test
    void createSecretNeedsTheClientSecretAuthMethodAndNoOtherSecret() throws Exception {
        CliRun both = cli(null).stdin("s3cret\n");
        CliRun publicClient = cli(null);

        int bothCode = both.run("config", "create", "--no-prompt", "--name", "x", "--tenant-id", tenant(),
                "--client-id", app.clientId(), "--create-secret", "--secret-stdin");
        int publicCode = publicClient.run("config", "create", "--no-prompt", "--name", "y", "--tenant-id", tenant(),
                "--client-id", app.clientId(), "--auth-method", "PublicClient", "--create-secret");

        assertEquals(2, bothCode, both.err);
        assertTrue(both.err.contains("give --create-secret or a client secret"), both.err);
        assertEquals(2, publicCode, publicClient.err);
        assertTrue(publicClient.err.contains("--create-secret needs auth method ClientSecret"), publicClient.err);
        assertEquals(List.of(), signIn.asked);
    }

    @Test
    void editRotatesTheSecretCreatingANewOneAndKeepingTheOldOneInEntra() throws Exception {
        grantWrite();
        ClientSecret old = app.addSecret("portal secret", Duration.ofDays(30));
        CliRun create = cli(null).stdin(old.value() + "\n");
        assertEquals(0, create.run("config", "create", "--no-prompt", "--name", "orders", "--tenant-id", tenant(),
                "--client-id", app.clientId(), "--secret-stdin", "--scope", GRAPH + "/.default"), create.err);
        ScriptedTerminal terminal = new ScriptedTerminal("", "", "", "n", "", "", "y", "1");
        CliRun edit = cli(terminal);
        edit.store.entries.putAll(create.store.entries);

        int code = edit.run("config", "edit", "-p", "orders");

        assertEquals(0, code, edit.err);
        assertTrue(terminal.prompts.contains("Update client secret? (y/n) [n]"), terminal.prompts.toString());
        assertEquals(List.of("portal secret", "EAC-EXP-21-MAY-27"), app.secrets().stream().map(ClientSecret::displayName).toList());
        assertEquals(app.secrets().getLast().value(), edit.store.text("orders/client-secret"));
        assertTrue(edit.err.contains("✓ Secret created and saved to profile"), edit.err);
        assertTrue(Files.readString(home.resolve("profiles.json")).contains("\"credentialExpiry\" : \""
                + CliRun.NOW.plus(Duration.ofDays(180)) + "\""));
    }

    @Test
    void editWithCreateSecretInAScriptReplacesTheSecretAndATypedOneForgetsTheOldExpiry() throws Exception {
        grantWrite();
        CliRun create = cli(null);
        assertEquals(0, create.run("config", "create", "--no-prompt", "--name", "orders", "--tenant-id", tenant(),
                "--client-id", app.clientId(), "--create-secret", "--scope", GRAPH + "/.default"), create.err);
        CliRun rotate = cli(null);
        rotate.store.entries.putAll(create.store.entries);
        CliRun typed = cli(null).stdin("typed-later\n");

        int rotateCode = rotate.run("config", "edit", "-p", "orders", "--create-secret");
        typed.store.entries.putAll(rotate.store.entries);
        int typedCode = typed.run("config", "edit", "-p", "orders", "--secret-stdin");

        assertEquals(0, rotateCode, rotate.err);
        assertEquals(2, app.secrets().size());
        assertEquals(app.secrets().getLast().value(), rotate.store.text("orders/client-secret"));
        assertEquals(0, typedCode, typed.err);
        assertEquals("typed-later", typed.store.text("orders/client-secret"));
        assertFalse(Files.readString(home.resolve("profiles.json")).contains("credentialExpiry"),
                "a typed secret kept the created one's expiry");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
