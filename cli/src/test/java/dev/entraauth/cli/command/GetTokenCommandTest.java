package dev.entraauth.cli.command;

import static dev.entraauth.cli.command.ConfigCreateCommandTest.CANARY;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.CLIENT;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Profile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GetTokenCommandTest {
    static final String TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.sig";

    @TempDir
    Path home;

    CliRun cli;
    RecordingFlow flow = new RecordingFlow();

    @BeforeEach
    void profile() {
        cli = new CliRun(home).stdin(CANARY);
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "default", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin", "--scope", "https://graph.microsoft.com/.default"), cli.err);
    }

    @Test
    void withoutAnyFlowInstalledTheRegistrySaysSoAndNoTokenIsPrinted() {
        assertEquals(9, cli.run("get-token"));

        assertEquals("", cli.out);
        assertTrue(cli.err.contains("no flow 'ClientCredentials' is installed") && cli.err.contains("Installed flows: none"), cli.err);
    }

    @Test
    void anUnknownFlowNameIsAUsageErrorListingTheValidFlowsBeforeAnyFlowRuns() {
        cli.flows = List.of(flow);

        assertEquals(2, cli.run("get-token", "-f", "magic"));

        assertTrue(cli.err.contains("unknown flow 'magic'") && cli.err.contains("ClientCredentials, AuthorizationCode, DeviceCode, InteractiveBrowser"), cli.err);
        assertTrue(flow.requests.isEmpty());
    }

    @Test
    void stdoutCarriesOnlyTheTokenAndMessagesGoToStderr() {
        cli.flows = List.of(flow);

        assertEquals(0, cli.run("get-token"), cli.err);

        assertEquals(TOKEN + "\n", cli.out);
        assertTrue(cli.err.contains("Token expires:"), cli.err);
        assertEquals(List.of("https://graph.microsoft.com/.default"), flow.requests.getFirst().scopes());
    }

    @Test
    void silentLeavesStderrEmpty() {
        cli.flows = List.of(flow);

        assertEquals(0, cli.run("get-token", "-p", "default", "--silent"));

        assertEquals(TOKEN + "\n", cli.out);
        assertEquals("", cli.err);
    }

    @Test
    void flowNamesAreCaseInsensitiveAndAliasesWork() {
        cli.flows = List.of(flow);

        assertEquals(0, cli.run("get-token", "-f", "client-credentials", "--silent"), cli.err);
        assertEquals(0, cli.run("get-token", "-f", "CLIENTCREDENTIALS", "--silent"), cli.err);
    }

    @Test
    void jsonOutputHasTheDocumentedFields() throws Exception {
        cli.flows = List.of(flow);

        assertEquals(0, cli.run("get-token", "--output", "json", "--scope", "api://a/.default, api://b/.default"), cli.err);

        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertEquals(TOKEN, json.get("access_token").asText());
        assertEquals("Bearer", json.get("token_type").asText());
        assertEquals(CliRun.NOW.plusSeconds(3599).getEpochSecond(), json.get("expires_on").asLong());
        assertEquals(CliRun.NOW.plusSeconds(3599).toString(), json.get("expires_at").asText());
        assertEquals(TENANT, json.get("tenant_id").asText());
        assertEquals("default", json.get("profile").asText());
        assertEquals(2, json.get("scopes").size());
        assertEquals(List.of("api://a/.default", "api://b/.default"), flow.requests.getFirst().scopes());
    }

    @Test
    void outputFileIsWrittenPrivatelyAndStdoutStaysEmpty() throws Exception {
        cli.flows = List.of(flow);
        Path file = home.resolve("token.txt");

        assertEquals(0, cli.run("get-token", "-o", file.toString()), cli.err);

        assertEquals("", cli.out);
        assertEquals(TOKEN + "\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theProfileComesFromTheEnvironmentWhenNotGiven() {
        cli.flows = List.of(flow);
        cli.env(GetTokenCommand.PROFILE_VARIABLE, "nope");

        assertEquals(6, cli.run("get-token"));
        assertTrue(cli.err.contains("no profile 'nope'"), cli.err);
    }

    @Test
    void withoutTimeoutTheDeadlineIsFiveMinutesOrADeviceCodesFifteen() {
        RecordingFlow device = new RecordingFlow("DeviceCode");
        cli.flows = List.of(flow, device);

        CliRun deviceRun = new CliRun(home);
        deviceRun.flows = List.of(flow, device);

        assertEquals(0, cli.run("get-token", "--force", "--silent"), cli.err);
        assertEquals(0, deviceRun.run("get-token", "-f", "DeviceCode", "--force", "--silent"), deviceRun.err);

        assertEquals(300, flow.requests.getFirst().timeout().toSeconds());
        assertEquals(900, device.requests.getFirst().timeout().toSeconds());
    }

    @Test
    void forceAndTimeoutReachTheFlow() {
        cli.flows = List.of(flow);

        assertEquals(0, cli.run("get-token", "--force", "--timeout", "90s", "--silent"), cli.err);

        assertTrue(flow.requests.getFirst().forceRefresh());
        assertEquals(90, flow.requests.getFirst().timeout().toSeconds());
    }

    @Test
    void aSecondCallIsAnsweredFromTheCliCacheWithoutAskingTheFlow() {
        cli.flows = List.of(flow);
        assertEquals(0, cli.run("get-token"), cli.err);
        String first = cli.out;

        assertEquals(0, cli.run("get-token"), cli.err);

        assertEquals(first, cli.out);
        assertEquals(1, flow.requests.size(), "the flow (and msal behind it) was not built for the cached answer");
        assertTrue(cli.err.contains("Using cached token"), cli.err);
        assertTrue(cli.store.entries.containsKey("default/token-cache-lean"), "the cached token is in the secret store");
    }

    @Test
    void theCliCacheIsPerScopeAndNeverServesAChangedProfileOrAClearedCache() {
        cli.flows = List.of(flow);
        cli.run("get-token", "--silent");
        cli.run("get-token", "--silent", "--scope", "api://other/.default");
        assertEquals(2, flow.requests.size(), "another scope is another token");

        cli.run("config", "edit", "-p", "default", "--tenant-id", "fabrikam.onmicrosoft.com");
        cli.run("get-token", "--silent");
        assertEquals(3, flow.requests.size(), "the edited profile does not get the old tenant's token");

        cli.run("clear-cache", "-p", "default");
        cli.run("get-token", "--silent");
        assertEquals(4, flow.requests.size(), "clear-cache forgets the CLI's cache too");
    }

    @Test
    void refreshAlwaysSkipsTheCache() {
        cli.flows = List.of(flow);

        assertEquals(0, cli.run("refresh", "-p", "default", "--silent"), cli.err);

        assertTrue(flow.requests.getFirst().forceRefresh());
        assertEquals(TOKEN + "\n", cli.out);
    }

    @Test
    void clearCacheForgetsTokensButKeepsTheSecret() {
        cli.store.entries.put("default/token-cache", "{}".getBytes(StandardCharsets.UTF_8));
        cli.store.entries.put("default/token-cache-corrupt", "x".getBytes(StandardCharsets.UTF_8));

        assertEquals(0, cli.run("clear-cache", "-p", "default"), cli.err);

        assertEquals(List.of("default/client-secret"), List.copyOf(cli.store.entries.keySet()));
        assertTrue(cli.err.contains("Cleared cached tokens of profile 'default'"), cli.err);
    }

    @Test
    void clearCacheAllCoversEveryProfileAndNeedsOneOfItsOptions() {
        cli.run("config", "create", "--no-prompt", "--name", "other", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--auth-method", "PublicClient");
        cli.store.entries.put("default/token-cache", "{}".getBytes(StandardCharsets.UTF_8));
        cli.store.entries.put("other/token-cache", "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals(0, cli.run("clear-cache", "--all"), cli.err);
        assertEquals(List.of("default/client-secret"), List.copyOf(cli.store.entries.keySet()));
        assertEquals(2, cli.run("clear-cache"));
        assertEquals(6, cli.run("clear-cache", "-p", "nope"));
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        cli.flows = List.of(flow);

        assertEquals(2, cli.run("get-token", "--timeout", "soon"));
        assertTrue(flow.requests.isEmpty());
    }

    @Test
    void aFlowThatCannotServeTheProfileIsRefusedBeforeItRuns() {
        flow.serves = false;
        cli.flows = List.of(flow);

        assertEquals(2, cli.run("get-token"));
        assertTrue(cli.err.contains("cannot serve profile 'default'"), cli.err);
        assertTrue(flow.requests.isEmpty());
    }

    @Test
    void aCachedTokenIsAnnounced() {
        flow.fromCache = true;
        cli.flows = List.of(flow);

        assertEquals(0, cli.run("get-token"));
        assertTrue(cli.err.contains("Using cached token"), cli.err);
    }

    @Test
    void theBrowserFlowFallsBackToDeviceCodeOnlyWhenNoDisplayAndNoWayAroundIt() {
        RecordingFlow browser = new RecordingFlow("InteractiveBrowser");
        RecordingFlow device = new RecordingFlow("DeviceCode");
        CliRun create = new CliRun(home);
        assertEquals(0, create.run("config", "create", "--no-prompt", "--name", "me", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--auth-method", "PublicClient", "--scope", "User.Read"), create.err);

        CliRun headless = run(browser, device, null, "get-token", "-p", "me", "--force");
        CliRun withDisplay = run(browser, device, "DISPLAY", "get-token", "-p", "me", "--force");
        CliRun withBrowserCommand = run(browser, device, "BROWSER", "get-token", "-p", "me", "--force");
        CliRun showUrl = run(browser, device, null, "get-token", "-p", "me", "--force", "--show-url");

        assertTrue(headless.err.contains("No display detected. Falling back to device code flow."), headless.err);
        assertEquals(1, device.requests.size(), "only the headless run used device code");
        assertEquals(3, browser.requests.size());
        for (CliRun run : List.of(withDisplay, withBrowserCommand, showUrl)) {
            assertFalse(run.err.contains("No display detected"), run.err);
        }
    }

    private CliRun run(RecordingFlow browser, RecordingFlow device, String variable, String... args) {
        CliRun run = new CliRun(home);
        run.flows = List.of(browser, device);
        if (variable != null) {
            run.env(variable, variable.equals("DISPLAY") ? ":0" : "/usr/bin/true %s");
        }
        assertEquals(0, run.run(args), run.err);
        return run;
    }

    /** A flow that answers with a fixed token and records the requests it got. */
    static final class RecordingFlow implements Flow {
        final List<TokenRequest> requests = new ArrayList<>();
        final String name;
        boolean serves = true;
        boolean fromCache;

        RecordingFlow() {
            this("ClientCredentials");
        }

        RecordingFlow(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> aliases() {
            return name.equals("ClientCredentials") ? Set.of("client-credentials") : Set.of();
        }

        @Override
        public String description() {
            return "test flow";
        }

        @Override
        public boolean canServe(Profile profile) {
            return serves;
        }

        @Override
        public TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException {
            requests.add(request);
            return new TokenResult(TOKEN, "Bearer", context.clock().instant().plusSeconds(3599), request.scopes(),
                    request.profile().tenantId(), fromCache);
        }
    }
}
