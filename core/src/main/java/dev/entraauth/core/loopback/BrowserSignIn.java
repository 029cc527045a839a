package dev.entraauth.core.loopback;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.Prompt;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.core.browser.BrowserLauncher;
import dev.entraauth.core.msal.Pkce;
import dev.entraauth.core.text.Marks;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Browser sign-in with a loopback redirect, shared by the InteractiveBrowser flow (public client) and the
 * AuthorizationCode flow (confidential client with a loopback redirect URI), run by {@code UserTokens} only when
 * no token can be had silently: open the listener, build the authorize URL, open the browser (or show the URL),
 * wait for the code, redeem it with the PKCE verifier.
 */
public final class BrowserSignIn {
    private final AbstractClientApplicationBase application;
    private final TokenRequest request;
    private final Interaction interaction;
    private final LoopbackListener.Options listenerOptions;
    private final BrowserLauncher launcher;

    /**
     * @param application     the flow's msal application for the profile
     * @param request         what to acquire (scopes, --show-url)
     * @param interaction     for the messages
     * @param listenerOptions ports, redirect host and callback path
     * @param launcher        opens the system browser
     */
    public BrowserSignIn(AbstractClientApplicationBase application, TokenRequest request, Interaction interaction,
                         LoopbackListener.Options listenerOptions, BrowserLauncher launcher) {
        this.application = application;
        this.request = request;
        this.interaction = interaction;
        this.listenerOptions = listenerOptions;
        this.launcher = launcher;
    }

    /**
     * @param remaining how long the whole sign-in (browser, callback, code redemption) may take
     * @return msal's result of the code redemption
     * @throws AuthException when the port is busy, the browser cannot be opened, the user does not finish in time
     *                       or Entra ID answers with an error
     * @throws Exception     msal's failures of the code redemption, translated by the caller
     */
    public IAuthenticationResult signIn(Duration remaining) throws Exception {
        long deadline = System.nanoTime() + remaining.toNanos();
        Set<String> scopes = new LinkedHashSet<>(request.scopes());
        Pkce pkce = Pkce.create();   // its state is not used: the listener owns the state it checks
        try (LoopbackListener listener = LoopbackListener.open(listenerOptions)) {
            String redirectUri = listener.redirectUri().toString();
            URI authorize = application.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(redirectUri, scopes)
                    .state(listener.state())
                    .codeChallenge(pkce.challenge())
                    .codeChallengeMethod("S256")
                    // msal 1.26 turns responseMode(QUERY) into form_post (a deprecation); the loopback listener serves
                    // the GET redirect of RFC 8252 only, so the parameter is set as an extra one, which msal applies last.
                    .extraQueryParameters(Map.of("response_mode", "query"))
                    .prompt(Prompt.SELECT_ACCOUNT)
                    .build()).toURI();
            if (request.showUrl()) {
                // what the person needs to go on: shown even with --silent
                interaction.notice("To sign in, open this URL in a browser on this machine:");
                interaction.notice(authorize.toString());
            } else {
                interaction.info("Opening browser for authentication...");
                launcher.open(authorize);
                interaction.info(Marks.check() + " Browser opened");
            }
            interaction.info(Marks.waiting() + " Waiting for sign-in...");
            String code = listener.awaitCode(left(deadline));
            AuthorizationCodeParameters parameters = AuthorizationCodeParameters.builder(code, listener.redirectUri())
                    .codeVerifier(pkce.verifier())
                    .scopes(scopes)
                    .build();
            CompletableFuture<IAuthenticationResult> redemption = application.acquireToken(parameters);
            try {
                return redemption.get(Math.max(1, left(deadline).toMillis()), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | InterruptedException e) {
                redemption.cancel(true);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw e;
            }
        }
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }
}
