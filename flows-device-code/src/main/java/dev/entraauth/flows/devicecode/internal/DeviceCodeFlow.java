package dev.entraauth.flows.devicecode.internal;

import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.msal.DeviceCodePolling;
import dev.entraauth.core.msal.MsalApplications;
import dev.entraauth.core.msal.MsalErrors;
import dev.entraauth.core.msal.UserTokens;
import dev.entraauth.core.text.Marks;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * User tokens for a public client through the device authorization grant (RFC 8628, v2-oauth2-device-code), over
 * msal4j's {@code PublicClientApplication} and {@link UserTokens}: one sign-in per profile at a time, a token from
 * the cache (or its refresh token) when there is one; otherwise the person opens the verification URL on any device
 * and enters the code shown on stderr, while the flow polls by {@link DeviceCodePolling}'s rules until the sign-in
 * completes, fails, the code expires or the {@code --timeout} passes, whichever is first. The device code itself is
 * never shown or logged, and a failed sign-in is never restarted on its own.
 *
 * <p>Only {@code PublicClient} profiles are served: msal offers the grant on public clients only, Entra issues it
 * only to apps that allow public client flows, and a token obtained without the app's secret must not land in a
 * confidential profile's cache. An app that has a secret and allows public client flows gets a second profile
 * with {@code --auth-method PublicClient}.
 */
public final class DeviceCodeFlow implements Flow {
    /** Extra time for msal's future after the policy's own deadline, which ends polling first with a clear message. */
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** Creates the provider; does no I/O. */
    public DeviceCodeFlow() {
    }

    @Override
    public String name() {
        return "DeviceCode";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("device-code", "device");
    }

    @Override
    public String description() {
        return "user tokens by entering a code on another device (RFC 8628): SSH sessions, headless machines";
    }

    @Override
    public boolean canServe(Profile profile) {
        return profile.authMethod() == AuthMethod.PublicClient;
    }

    @Override
    public TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException {
        long started = System.nanoTime();
        EntraHttpClient http = MsalApplications.transport(context, request);
        Duration left = request.timeout().minusNanos(System.nanoTime() - started);   // the deadline counts from now
        DeviceCodePolling polling = new DeviceCodePolling(http, left, context.interaction()::debug);
        PublicClientApplication application = MsalApplications.publicClient(request.profile(), context, polling);
        return UserTokens.acquire(application, http, request, context,
                remaining -> signIn(application, polling, request, context, remaining));
    }

    /**
     * The sign-in: msal asks for a device code, the code and URL go to stderr, and msal polls through
     * {@code polling}, which keeps the RFC's pace and stops at the code's expiry or the deadline.
     */
    static IAuthenticationResult signIn(PublicClientApplication application, DeviceCodePolling polling, TokenRequest request,
                                        FlowContext context, Duration remaining) throws AuthException {
        Profile profile = request.profile();
        Consumer<DeviceCode> show = code -> show(code, context.interaction());
        CompletableFuture<IAuthenticationResult> future = application.acquireToken(
                DeviceCodeFlowParameters.builder(new LinkedHashSet<>(request.scopes()), show).build());
        try {
            return future.get(remaining.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AuthException(ExitCode.ERROR, "interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(request.timeout(), e);
        } catch (ExecutionException e) {
            if (polling.timedOut()) {
                throw timedOut(request.timeout(), e);
            }
            throw MsalErrors.translateDeviceCode(e, profile.name());
        }
    }

    private static AuthException timedOut(Duration timeout, Exception cause) {
        return new AuthException(ExitCode.TIMEOUT, "no sign-in within the --timeout of " + human(timeout)
                + "; polling stopped — run the command again (with a longer --timeout, such as 15m) and enter the new code", cause);
    }

    /** The code and where to enter it, as the user guide shows them, and one phishing warning (DF3). */
    private static void show(DeviceCode code, Interaction interaction) {
        String url = printable(code.verificationUri());
        String userCode = printable(code.userCode());
        interaction.notice("Device Code Authentication");
        interaction.notice("To sign in, use a web browser to open " + url);
        interaction.notice("and enter the code: " + userCode);
        interaction.notice("Code: " + userCode);
        interaction.notice("URL: " + url);
        interaction.warn("enter this code only if you started this sign-in yourself just now; never enter a code someone else sent you");
        interaction.info(Marks.waiting() + " Waiting for sign-in... (the code expires in " + human(Duration.ofSeconds(code.expiresIn())) + ")");
    }

    /** Server text goes to a terminal: no control characters (escape sequences) from it. */
    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
