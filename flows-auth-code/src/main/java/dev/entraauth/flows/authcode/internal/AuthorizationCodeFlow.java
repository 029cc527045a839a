package dev.entraauth.flows.authcode.internal;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ResponseMode;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.PortRange;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.browser.BrowserLauncher;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.loopback.BrowserSignIn;
import dev.entraauth.core.loopback.LoopbackListener;
import dev.entraauth.core.loopback.RedirectHost;
import dev.entraauth.core.msal.MsalApplications;
import dev.entraauth.core.msal.Pkce;
import dev.entraauth.core.msal.UserTokens;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Delegated tokens for a web app (v2-oauth2-auth-code-flow): the user signs in in a browser, the app proves
 * itself with its client secret or certificate, and PKCE (S256) binds the code to this process. With a loopback
 * redirect URI (or none: {@code http://localhost:<port>}) the CLI opens the browser and receives the code itself,
 * exactly like the InteractiveBrowser flow; with a registered redirect URI on another host the CLI prints the sign-in address and reads back the redirected
 * address (or the code) the person pastes; the authorization response comes in the URL fragment so that it can
 * be copied from the address bar. Cached and refreshed tokens come first, through {@link UserTokens}.
 */
public final class AuthorizationCodeFlow implements Flow {

    /** Creates the provider; does no I/O. */
    public AuthorizationCodeFlow() {
    }

    @Override
    public String name() {
        return "AuthorizationCode";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("auth-code", "authorization-code");
    }

    @Override
    public String description() {
        return "delegated tokens for a web app: the user signs in in a browser, the app proves itself with its secret or certificate";
    }

    @Override
    public boolean canServe(Profile profile) {
        return profile.authMethod() == AuthMethod.ClientSecret || profile.authMethod() == AuthMethod.Certificate;
    }

    @Override
    public TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException {
        EntraHttpClient http = MsalApplications.transport(context, request);
        ConfidentialClientApplication application = MsalApplications.confidentialClient(request.profile(), context, http);
        return UserTokens.acquire(application, http, request, context, remaining -> signIn(application, request, context, remaining));
    }

    private static IAuthenticationResult signIn(ConfidentialClientApplication application, TokenRequest request, FlowContext context,
            Duration remaining) throws Exception {
        Profile profile = request.profile();
        URI redirect = profile.webRedirectUri().orElse(null);
        if (redirect == null || Profile.isLoopbackHost(redirect.getHost())) {
            return loopback(application, request, context, redirect).signIn(remaining);
        }
        return pasted(application, request, context.interaction(), redirect, remaining);
    }

    /**
     * A loopback redirect URI: the CLI receives the code itself, on the URI's host, port and path (a URI without a
     * port, or none at all, takes the profile's ports or a random free one, as Entra ignores the port of localhost).
     */
    private static BrowserSignIn loopback(ConfidentialClientApplication application, TokenRequest request, FlowContext context,
            URI redirect) {
        Profile profile = request.profile();
        LoopbackListener.Options options = LoopbackListener.Options.defaults()
                .withPorts(redirect != null && redirect.getPort() > 0 ? new PortRange(redirect.getPort(), redirect.getPort())
                        : profile.redirectPorts())
                .withDebug(context.interaction()::debug);
        if (redirect != null) {
            options = options.withRedirectHost(redirect.getHost().equals("127.0.0.1") ? RedirectHost.LOOPBACK_IP : RedirectHost.LOCALHOST);
            if (redirect.getRawPath() != null && !redirect.getRawPath().isEmpty()) {
                options = options.withCallbackPath(redirect.getRawPath());
            }
        }
        return new BrowserSignIn(application, request, context.interaction(), options, new BrowserLauncher(context.environment()));
    }

    private static IAuthenticationResult pasted(ConfidentialClientApplication application, TokenRequest request, Interaction interaction,
            URI redirect, Duration remaining) throws Exception {
        if (!interaction.canPrompt()) {
            throw new AuthException(ExitCode.INTERACTION_REQUIRED, "signing in for a web app whose redirect URI is " + redirect
                    + " needs a terminal to paste the result into; run this command in a terminal");
        }
        Pkce pkce = Pkce.create();
        Set<String> scopes = new LinkedHashSet<>(request.scopes());
        URL url = application.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(redirect.toString(), scopes)
                .codeChallenge(pkce.challenge())
                .codeChallengeMethod("S256")
                .state(pkce.state())
                .responseMode(ResponseMode.FRAGMENT)
                .build());
        interaction.notice("Open this address in a browser and sign in:");
        interaction.notice("  " + url);
        interaction.notice("Entra then sends the browser to " + redirect + ". Copy the whole address from the address bar"
                + " (or just the code) and paste it here.");
        String line = interaction.readLine("Redirected address or code")
                .orElseThrow(() -> new AuthException(ExitCode.INTERACTION_REQUIRED, "no address or code was pasted"));
        String code = PastedRedirect.code(line, redirect, pkce);
        return application.acquireToken(AuthorizationCodeParameters.builder(code, redirect)
                        .codeVerifier(pkce.verifier())
                        .scopes(scopes)
                        .build())
                .get(Math.max(1, remaining.toMillis()), TimeUnit.MILLISECONDS);
    }
}
