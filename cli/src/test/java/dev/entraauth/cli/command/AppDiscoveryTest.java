package dev.entraauth.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.testkit.Application;
import dev.entraauth.testkit.EntraEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code discover -s} against the emulator's Microsoft Graph over HTTPS, the Graph sign-in stood in for by
 * {@link GraphStandIn} (the browser sign-in through the image is in the dist ITs).
 */
class AppDiscoveryTest {
    private static final String GRAPH = GraphStandIn.GRAPH;

    @TempDir
    Path home;

    private EntraEmulator entra;
    private GraphStandIn signIn;
    private Application orders;

    @BeforeEach
    void start() {
        entra = EntraEmulator.start();
        signIn = new GraphStandIn(entra);
        orders = entra.seed().tenant().addApplication("MyApp Orders").exposeScope("Orders.Read").exposeAppRole("Orders.Sync");
        entra.seed().tenant().addApplication("MyApp Billing");
        entra.seed().tenant().addApplication("Other");
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    private CliRun cli(ScriptedTerminal terminal) throws Exception {
        return signIn.cli(home, terminal);
    }

    private String tenant() {
        return entra.seed().tenant().id();
    }

    @Test
    void outputJsonListsTheMatchesForScriptsAndSavesNothing() throws Exception {
        CliRun cli = cli(null);

        int code = cli.run("discover", "-s", "MyApp*", "--tenant", tenant(), "--output", "json");

        assertEquals(0, code, cli.err);
        JsonNode apps = new ObjectMapper().readTree(cli.out);
        assertEquals(List.of("MyApp Billing", "MyApp Orders"), List.of(apps.get(0).get("displayName").asText(),
                apps.get(1).get("displayName").asText()));
        assertEquals(orders.clientId(), apps.get(1).get("clientId").asText());
        assertTrue(apps.get(1).hasNonNull("created") && apps.get(1).hasNonNull("publisherDomain"), cli.out);
        assertEquals(List.of(List.of(GRAPH + "/Application.Read.All")), signIn.asked);
        assertFalse(Files.exists(home.resolve("profiles.json")));
    }

    @Test
    void withoutATerminalTheMatchesAreATableAndNothingMatchingIsNotFound() throws Exception {
        CliRun table = cli(null);
        CliRun none = cli(null);

        int tableCode = table.run("discover", "-s", "*orders", "--tenant", tenant());
        int noneCode = none.run("discover", "-s", "Nothing*", "--tenant", tenant());

        assertEquals(0, tableCode, table.err);
        assertTrue(table.out.startsWith("NAME"), table.out);
        assertTrue(table.out.contains("MyApp Orders") && table.out.contains(orders.clientId()), table.out);
        assertFalse(table.out.contains("MyApp Billing"), table.out);
        assertEquals(6, noneCode, none.err);
        assertTrue(none.err.contains("no app registration matches 'Nothing*' in tenant " + tenant()), none.err);
    }

    @Test
    void onATerminalThePickedAppBecomesAProfileWithAScopeItExposesAndANewlyCreatedSecretInTheStore() throws Exception {
        entra.seed().confidentialApp().grantApplicationPermission(GRAPH, "Application.ReadWrite.All");
        // pick 2 (MyApp Orders), default profile name, scope 2 (its .default), ClientSecret, Create new
        ScriptedTerminal terminal = new ScriptedTerminal("2", "", "2", "1", "1");
        CliRun cli = cli(terminal);

        int code = cli.run("discover", "-s", "MyApp*", "--tenant", tenant());

        assertEquals(0, code, cli.err);
        assertTrue(cli.err.contains("Applications matching 'MyApp*':\n  1) MyApp Billing  ("), cli.err);
        assertTrue(cli.err.contains("Scope:\n  1) api://" + orders.clientId() + "/Orders.Read\n  2) api://" + orders.clientId()
                + "/.default\n  3) " + GRAPH + "/.default"), cli.err);
        assertTrue(terminal.prompts.contains("Profile name [myapp-orders]"), terminal.prompts.toString());
        assertTrue(cli.err.contains("✓ Secret created and saved to profile"), cli.err);
        String profiles = Files.readString(home.resolve("profiles.json"));
        assertTrue(profiles.contains("\"name\" : \"myapp-orders\"") && profiles.contains("\"clientId\" : \"" + orders.clientId() + "\"")
                && profiles.contains("\"appName\" : \"MyApp Orders\"") && profiles.contains("api://" + orders.clientId() + "/.default"),
                profiles);
        String secret = cli.store.text("myapp-orders/client-secret");
        assertEquals(orders.secrets().getLast().value(), secret);
        assertEquals(1, orders.secrets().size());
    }

    @Test
    void aTokenAndASearchTogetherAreAUsageError() throws Exception {
        CliRun cli = cli(null);

        assertEquals(2, cli.run("discover", "-s", "MyApp*", "-t", "x.y.z"));
        assertTrue(cli.err.contains("give -s PATTERN or a token"), cli.err);
        assertEquals(2, cli.run("discover", "--tenant", tenant(), "-t", "x.y.z"));
        assertEquals(List.of(), signIn.asked);
    }

    @Test
    void slugsTurnDisplayNamesIntoProfileNames() {
        assertEquals("myapp-orders", AppDiscovery.slug("MyApp Orders"));
        assertEquals("o-brien-s-api", AppDiscovery.slug("O'Brien's API"));
        assertEquals("app", AppDiscovery.slug("☃☃"));
    }
}
