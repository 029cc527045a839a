package dev.entraauth.flows.interactive.internal;

import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.browser.BrowserLauncher;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.loopback.LoopbackListener;
import dev.entraauth.core.loopback.RedirectHost;
import dev.entraauth.core.msal.MsalApplications;
import dev.entraauth.core.msal.UserTokens;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Delegated tokens for a public client through the system browser (RFC 8252, v2-oauth2-auth-code-flow): silently
 * from the profile's cache when possible ({@link UserTokens}); otherwise a loopback listener of our own on
 * {@code 127.0.0.1} (SECURITY-CHECKLIST LB1–LB6), the authorize URL from msal with a single-use state and a PKCE S256
 * challenge, the browser ({@code BROWSER}, {@code xdg-open}, {@code open}, {@code rundll32}) or {@code --show-url},
 * and the code redeemed by msal with the verifier.
 *
 * <p>It serves {@link AuthMethod#PublicClient} profiles only. A confidential app (secret or certificate) signs users
 * in with the AuthorizationCode flow, which sends its credential with the code; a managed identity has no user.
 */
public final class InteractiveBrowserFlow implements Flow {
    private final UnaryOperator<IHttpClient> transport;

    /** Creates the provider; does no I/O. */
    public InteractiveBrowserFlow() {
        this(UnaryOperator.identity());
    }

    /**
     * @param transport wraps msal's HTTP transport (tests capture the token request with it)
     */
    InteractiveBrowserFlow(UnaryOperator<IHttpClient> transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    @Override
    public String name() {
        return "InteractiveBrowser";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("interactive", "browser");
    }

    @Override
    public String description() {
        return "a user signs in in the system browser; a loopback listener receives the code (PKCE)";
    }

    @Override
    public boolean canServe(Profile profile) {
        return profile.authMethod() == AuthMethod.PublicClient;
    }

    @Override
    public TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException {
        Profile profile = request.profile();
        if (!canServe(profile)) {
            throw new AuthException(ExitCode.USAGE, "the InteractiveBrowser flow signs users in to a public client; profile '"
                    + profile.name() + "' uses " + profile.authMethod() + " (use -f AuthorizationCode or -f ClientCredentials)");
        }
        String hostSetting = context.environment().get(RedirectHost.VARIABLE);
        RedirectHost redirectHost = RedirectHost.parse(hostSetting).orElseThrow(() -> new AuthException(ExitCode.USAGE,
                RedirectHost.VARIABLE + " is '" + hostSetting + "'; it must be localhost or 127.0.0.1"));
        LoopbackListener.Options listener = LoopbackListener.Options.defaults()
                .withPorts(profile.redirectPorts())
                .withRedirectHost(redirectHost)
                .withDebug(context.interaction()::debug);
        EntraHttpClient http = MsalApplications.transport(context, request);
        PublicClientApplication application = MsalApplications.publicClient(profile, context, transport.apply(http));
        BrowserSignIn signIn = new BrowserSignIn(application, request, context.interaction(), listener,
                new BrowserLauncher(context.environment()));
        return UserTokens.acquire(application, http, request, context, signIn::signIn);
    }
}
