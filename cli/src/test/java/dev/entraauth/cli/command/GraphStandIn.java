package dev.entraauth.cli.command;

import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.cli.terminal.Terminal;
import dev.entraauth.testkit.EmulatorTokens;
import dev.entraauth.testkit.EntraEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI in-process against the emulator's Microsoft Graph, with the Graph sign-in stood in for by a flow named
 * InteractiveBrowser that hands over an app-only Graph token of the seeded confidential app. The browser sign-in
 * itself is tested through the image; what follows it (Graph calls, prompts, what is saved) is the CLI's own.
 */
final class GraphStandIn implements Flow {
    static final String GRAPH = "https://graph.microsoft.com";

    final List<List<String>> asked = new ArrayList<>();
    final List<Profile> profiles = new ArrayList<>();
    private final EntraEmulator entra;

    GraphStandIn(EntraEmulator entra) {
        this.entra = entra;
    }

    /**
     * @param home     the CLI home
     * @param terminal the terminal, or null for none
     * @return a run trusting the emulator, with its Graph URL and this flow
     */
    CliRun cli(Path home, Terminal terminal) throws IOException {
        Path ca = Files.writeString(home.resolve("emulator-ca.pem"), entra.caCertificatePem());
        CliRun cli = new CliRun(home).terminal(terminal == null ? Terminal.NONE : terminal)
                .env("ENTRA_AUTH_CLI_CA_BUNDLE", ca.toString())
                .env(GraphSession.GRAPH_URL_VARIABLE, entra.graphBaseUrl())
                .env("BROWSER", "true");
        cli.flows = List.of(this);
        return cli;
    }

    @Override
    public String name() {
        return "InteractiveBrowser";
    }

    @Override
    public String description() {
        return "stand-in for the Graph sign-in";
    }

    @Override
    public boolean canServe(Profile profile) {
        return true;
    }

    @Override
    public TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException {
        asked.add(request.scopes());
        profiles.add(request.profile());
        String token = EmulatorTokens.clientCredentials(entra, GRAPH + "/.default");
        return new TokenResult(token, "Bearer", context.clock().instant().plusSeconds(3599), request.scopes(),
                request.profile().tenantId(), false);
    }
}
