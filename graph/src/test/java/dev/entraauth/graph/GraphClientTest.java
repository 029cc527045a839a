package dev.entraauth.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.HttpSettings;
import dev.entraauth.testkit.Application;
import dev.entraauth.testkit.ClientSecret;
import dev.entraauth.testkit.EmulatorTokens;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.Fault;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GraphClient against the emulator's Microsoft Graph over real HTTPS, with app-only tokens standing in for a sign-in. */
class GraphClientTest {
    private static final String GRAPH = "https://graph.microsoft.com";
    private static final Instant NOW = Instant.parse("2026-02-01T10:15:00Z");

    @TempDir
    Path tmp;

    private EntraEmulator entra;
    private final List<List<String>> asked = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        entra = EntraEmulator.start();
    }

    @AfterEach
    void stop() {
        entra.close();
    }

    private GraphClient client() throws Exception {
        return client(URI.create(entra.graphBaseUrl()));
    }

    private GraphClient client(URI base) throws Exception {
        Path ca = Files.writeString(tmp.resolve("ca.pem"), entra.caCertificatePem());
        EntraHttpClient http = new EntraHttpClient(HttpSettings.from(Map.of(HttpSettings.CA_BUNDLE_VARIABLE, ca.toString()), log::add));
        return new GraphClient(base, http, permissions -> {
            asked.add(permissions);
            return EmulatorTokens.clientCredentials(entra, GRAPH + "/.default");
        }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Application app(String name) {
        return entra.seed().tenant().addApplication(name);
    }

    private void mayWriteApplications() {
        entra.seed().confidentialApp().grantApplicationPermission(GRAPH, "Application.ReadWrite.All");
    }

    @Test
    void aTrailingWildcardAsksGraphForThePrefixAndKeepsEveryNameStartingWithIt() throws Exception {
        app("MyApp One");
        app("myapp two");
        app("Other MyApp");

        List<AppRegistration> found = client().findApplications(new SearchPattern("MyApp*"));

        assertEquals(List.of("MyApp One", "myapp two"), found.stream().map(AppRegistration::displayName).toList());
        assertEquals(List.of(GraphAccess.READ), asked);
    }

    @Test
    void aLeadingWildcardSearchesWithEventualConsistencyAndMatchesTheWholePattern() throws Exception {
        app("Billing API");
        app("Billing API Tester");
        app("API Gateway");

        List<AppRegistration> found = client().findApplications(new SearchPattern("*API"));

        assertEquals(List.of("Billing API"), found.stream().map(AppRegistration::displayName).toList());
    }

    @Test
    void aWildcardInTheMiddleNarrowsByPrefixAndFiltersTheRest() throws Exception {
        app("Contoso Orders Prod");
        app("Contoso Orders Test");
        app("Contoso Billing Prod");

        List<AppRegistration> found = client().findApplications(new SearchPattern("contoso*prod"));

        assertEquals(List.of("Contoso Billing Prod", "Contoso Orders Prod"), found.stream().map(AppRegistration::displayName).toList());
        AppRegistration first = found.getFirst();
        assertTrue(first.created().isPresent(), "created date missing");
        assertTrue(first.publisherDomain().isPresent(), "publisher domain missing");
    }

    @Test
    void aQuoteInThePatternIsEscapedForOData() throws Exception {
        app("O'Brien's App");

        assertEquals(List.of("O'Brien's App"), client().findApplications(new SearchPattern("O'Brien*")).stream()
                .map(AppRegistration::displayName).toList());
    }

    @Test
    void createSecretAddsAPasswordNamedAfterItsExpiry180DaysAheadThatWorksAndKeepsTheOldOne() throws Exception {
        mayWriteApplications();
        Application target = app("Orders API");
        ClientSecret old = target.addSecret("portal secret", Duration.ofDays(30));

        CreatedSecret created = client().createSecret(target.clientId(), GraphAccess.CREATE_SECRET);

        Instant expiry = NOW.plus(Duration.ofDays(180));
        assertEquals("EAC-EXP-31-JUL-26", created.name());
        assertEquals(expiry, created.expiry());
        assertEquals("Orders API", created.application().displayName());
        assertEquals(List.of(old.displayName(), "EAC-EXP-31-JUL-26"), target.secrets().stream().map(ClientSecret::displayName).toList());
        assertEquals(new String(created.value()), target.secrets().getLast().value());
        assertEquals(expiry, target.secrets().getLast().expiresAt());
        assertEquals(List.of(GraphAccess.CREATE_SECRET, GraphAccess.CREATE_SECRET), asked, "asked for other permissions");
        assertFalse(created.toString().contains(new String(created.value())), "toString shows the value");
        for (String line : log) {
            assertFalse(line.contains(new String(created.value())), "the debug log holds the secret: " + line);
        }
    }

    @Test
    void withoutWritePermissionCreatingASecretIsInsufficientPermissionsNamingWhatIsNeededAndChangesNothing() throws Exception {
        Application target = app("Orders API");

        GraphException e = assertThrows(GraphException.class, () -> client().createSecret(target.clientId(), GraphAccess.CREATE_SECRET));

        assertEquals(GraphException.Problem.INSUFFICIENT_PERMISSIONS, e.problem());
        assertEquals(ExitCode.AUTHORIZATION, e.exitCode());
        assertEquals("Insufficient permissions to create client secret.", e.getMessage());
        assertEquals(List.of("Required permission: Application.ReadWrite.All or Application.ReadWrite.OwnedBy"), e.details());
        assertEquals(List.of(), target.secrets());
    }

    @Test
    void anUnknownClientIdIsNotFoundNamingTheIdAndTheLikelyCauses() throws Exception {
        mayWriteApplications();
        String unknown = "12345678-1234-1234-1234-123456789abc";

        GraphException e = assertThrows(GraphException.class, () -> client().createSecret(unknown, GraphAccess.CREATE_SECRET));

        assertEquals(GraphException.Problem.NOT_FOUND, e.problem());
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertEquals("Application with client ID '12345678-1234-1234-1234-123456789abc' not found.", e.getMessage());
        assertEquals(List.of("Causes:", "- App was deleted", "- Client ID is incorrect", "- You don't have read access to the app"),
                e.details());
    }

    @Test
    void graphOutOfReachIsANetworkErrorInOneLine() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        GraphClient client = client(URI.create("https://127.0.0.1:" + closed + "/graph"));

        GraphException e = assertThrows(GraphException.class, () -> client.createSecret(entra.seed().confidentialApp().clientId(),
                GraphAccess.CREATE_SECRET));

        assertEquals(GraphException.Problem.NETWORK, e.problem());
        assertEquals(ExitCode.NETWORK, e.exitCode());
        assertTrue(e.getMessage().startsWith("Error reading application " + entra.seed().confidentialApp().clientId()
                + ": Network error occurred (connection refused for 127.0.0.1)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aSecretIsCreatedWithExactlyOneRequestEvenWhenGraphFails() throws Exception {
        mayWriteApplications();
        Application target = app("Orders API");
        entra.addFault(Fault.status(503, 0, 5).onPath("/graph/v1.0/applications/" + target.objectId() + "/addPassword"));

        GraphException e = assertThrows(GraphException.class, () -> client().createSecret(target.clientId(), GraphAccess.CREATE_SECRET));

        assertEquals(GraphException.Problem.SERVICE, e.problem());
        assertTrue(e.getMessage().startsWith("Error creating client secret: Microsoft Graph answered HTTP 503"), e.getMessage());
        assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/addPassword")).count(),
                "a secret-creating POST was repeated");
        assertEquals(List.of(), target.secrets());
    }

    @Test
    void exposedPermissionsAreTheServicePrincipalsScopesThenItsAppRoles() throws Exception {
        Application api = app("Orders API").exposeScope("Orders.Read").exposeScope("Orders.Write").exposeAppRole("Orders.Sync");

        List<ExposedPermission> permissions = client().exposedPermissions(api.clientId());

        assertEquals(List.of(new ExposedPermission("Orders.Read", ExposedPermission.Kind.SCOPE, ""),
                        new ExposedPermission("Orders.Write", ExposedPermission.Kind.SCOPE, ""),
                        new ExposedPermission("Orders.Sync", ExposedPermission.Kind.ROLE, "")),
                permissions.stream().map(p -> new ExposedPermission(p.value(), p.kind(), "")).toList());
    }

    @Test
    void aClientIdThatIsNoGuidIsRefusedWithoutARequest() throws Exception {
        GraphException e = assertThrows(GraphException.class, () -> client().createSecret("my-app", GraphAccess.CREATE_SECRET));

        assertEquals(GraphException.Problem.NOT_FOUND, e.problem());
        assertTrue(e.getMessage().contains("'my-app'"), e.getMessage());
        assertEquals(List.of(), entra.requests());
    }
}
