package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.StandardFlow;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.browser.BrowserLauncher;
import dev.entraauth.core.cache.AccessTokenCache;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.HttpSettings;
import dev.entraauth.graph.GraphAccess;
import dev.entraauth.graph.GraphClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Microsoft Graph for a profile's tenant and cloud: signs in as the user with the Microsoft Graph Command Line
 * Tools client through the InteractiveBrowser flow (the device code flow without a display), caches the token
 * like any other under an internal profile name of its own ({@value #SIGN_IN_PROFILE}, one for every tenant; never
 * listed, cleared by {@code clear-cache --all}), and gives a {@link GraphClient} that uses it.
 */
final class GraphSession {
    /** The Graph root URL for a cloud the CLI does not know (a custom authority host), or to override it. */
    static final String GRAPH_URL_VARIABLE = "ENTRA_AUTH_CLI_GRAPH_URL";
    /** The name the Graph sign-in's tokens are kept under in the secret store. */
    static final String SIGN_IN_PROFILE = "graph.sign-in";
    private static final String GRAPH_RESOURCE = "https://graph.microsoft.com";
    private static final Duration SIGN_IN_TIMEOUT = Duration.ofMinutes(5);

    private final CliContext context;
    private final Profile signIn;
    private final URI base;
    private final String resource;

    private GraphSession(CliContext context, Profile signIn, URI base, String resource) {
        this.context = context;
        this.signIn = signIn;
        this.base = base;
        this.resource = resource;
    }

    /**
     * @param context the CLI context
     * @param target  the profile (possibly a draft) whose tenant and cloud Graph is reached in
     * @return the session
     * @throws EntraAuthException {@link ExitCode#CONFIG} when the Graph URL of a custom cloud is not known
     */
    static GraphSession of(CliContext context, Profile target) throws EntraAuthException {
        String override = context.environment().getOrDefault(GRAPH_URL_VARIABLE, "").strip();
        URI base;
        if (!override.isEmpty()) {
            base = ConfigCreateCommand.checked(() -> httpsUrl(override));
        } else if (target.cloud() != Cloud.Custom) {
            base = target.cloud().graphHost().orElseThrow();
        } else {
            throw new EntraAuthException(ExitCode.CONFIG, "profile '" + target.name() + "' uses a custom authority host ("
                    + target.authorityHost() + "): set " + GRAPH_URL_VARIABLE + " to that cloud's Microsoft Graph URL");
        }
        String resource = target.cloud().graphHost().map(URI::toString).orElse(GRAPH_RESOURCE);
        Profile signIn = ConfigCreateCommand.checked(target.toBuilder()
                .name(SIGN_IN_PROFILE)
                .clientId(GraphAccess.CLIENT_ID)
                .authMethod(AuthMethod.PublicClient)
                .certificate(null)
                .defaultFlow(StandardFlow.InteractiveBrowser.name())
                .scopes(List.of())
                .redirectUri(null)
                .credentialExpiry(null)
                .appName(null)::build);
        return new GraphSession(context, signIn, base, resource);
    }

    /**
     * @param signInReason what to say before signing in (nothing is said when a cached token serves)
     * @return a Graph client that signs in when it first needs a token
     */
    GraphClient client(List<String> signInReason) throws EntraAuthException {
        EntraHttpClient http = new EntraHttpClient(HttpSettings.from(context.flowEnvironment(), context.interaction()::debug));
        return new GraphClient(base, http, permissions -> token(permissions, signInReason), context.clock());
    }

    /** {@return the Graph resource of the profile's cloud, for {@code <resource>/.default}} */
    String resource() {
        return resource;
    }

    private String token(List<String> permissions, List<String> signInReason) throws EntraAuthException {
        List<String> scopes = GraphAccess.scopes(resource, permissions);
        Interaction interaction = context.interaction();
        Flow flow = context.flows().resolve(StandardFlow.InteractiveBrowser.name());
        Optional<TokenResult> cached = AccessTokenCache.find(context.vault(), signIn, flow.name(), scopes, context.clock());
        if (cached.isPresent()) {
            return cached.get().accessToken();
        }
        signInReason.forEach(interaction::info);
        if (context.environment().getOrDefault(BrowserLauncher.BROWSER, "").isBlank()
                && !BrowserLauncher.hasDisplay(context.environment())) {
            interaction.info("No display detected. Falling back to device code flow.");
            flow = context.flows().resolve(StandardFlow.DeviceCode.name());
        }
        TokenResult token = flow.acquire(new TokenRequest(signIn, scopes, false, SIGN_IN_TIMEOUT, false),
                new CliFlowContext(context, interaction));
        AccessTokenCache.remember(context.vault(), context.home(), signIn, flow.name(), scopes, token, context.clock());
        return token.accessToken();
    }

    private static URI httpsUrl(String text) {
        URI uri = URI.create(text);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(GRAPH_URL_VARIABLE + ": '" + text + "' must be an https URL");
        }
        return uri;
    }
}
