package dev.entraauth.flows.devicecode.internal;

import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Identifiers;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.HttpSettings;
import dev.entraauth.core.msal.Authorities;
import dev.entraauth.core.msal.DeviceCodePolling;
import dev.entraauth.core.msal.MsalErrors;
import dev.entraauth.core.msal.VaultTokenCache;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * User tokens for a public client through the device authorization grant (RFC 8628, v2-oauth2-device-code), over
 * msal4j's {@code PublicClientApplication}: a token from the cache (or its refresh token) when there is one;
 * otherwise the person opens the verification URL on any device and enters the code shown on stderr, while the
 * flow polls by {@link DeviceCodePolling}'s rules until the sign-in completes, fails, the code expires or the
 * {@code --timeout} passes, whichever is first. The device code itself is never shown or logged.
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
        Profile profile = request.profile();
        EntraHttpClient http = transport(context, request);
        DeviceCodePolling polling = new DeviceCodePolling(http, request.timeout(), context.interaction()::debug);
        PublicClientApplication application = application(profile, context, polling);
        IAuthenticationResult result = silent(application, request, profile);
        if (result == null) {
            Duration remaining = request.timeout().minusNanos(System.nanoTime() - started);
            result = signIn(application, polling, request, context, remaining);
        }
        return new TokenResult(result.accessToken(), "Bearer", result.expiresOnDate().toInstant(), List.copyOf(request.scopes()),
                tenantOf(result, profile), http.requestsSent() == 0);
    }

    private static EntraHttpClient transport(FlowContext context, TokenRequest request) throws AuthException {
        try {
            HttpSettings settings = HttpSettings.from(context.environment(), context.interaction()::debug)
                    .withRequestTimeout(request.timeout());
            return new EntraHttpClient(settings);
        } catch (EntraAuthException e) {
            throw new AuthException(e.exitCode(), e.getMessage(), e);
        }
    }

    private static PublicClientApplication application(Profile profile, FlowContext context, DeviceCodePolling polling)
            throws AuthException {
        try {
            PublicClientApplication.Builder builder = PublicClientApplication.builder(profile.clientId())
                    .authority(Authorities.of(profile))
                    .httpClient(polling)
                    .setTokenCacheAccessAspect(new VaultTokenCache(context.secrets(), profile.name(), context.home(),
                            context.interaction()));
            if (!Authorities.isKnownCloud(profile)) {
                builder.validateAuthority(false).instanceDiscovery(false);
            }
            return builder.build();
        } catch (MalformedURLException e) {
            throw new AuthException(ExitCode.USAGE, "the authority " + Authorities.of(profile) + " is not a valid URL", e);
        } catch (EntraAuthException e) {
            throw new AuthException(e.exitCode(), e.getMessage(), e);
        }
    }

    /**
     * The token from msal's cache, or from its refresh token ({@code --force}: always from the refresh token), for
     * the account this profile signed in with; null when a person has to sign in.
     */
    private static IAuthenticationResult silent(PublicClientApplication application, TokenRequest request, Profile profile)
            throws AuthException {
        try {
            Set<IAccount> accounts = application.getAccounts().get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (accounts.isEmpty()) {
                return null;
            }
            IAccount account = accounts.iterator().next();
            SilentParameters parameters = SilentParameters.builder(new LinkedHashSet<>(request.scopes()), account)
                    .forceRefresh(request.forceRefresh())
                    .build();
            return application.acquireTokenSilently(parameters).get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException(ExitCode.ERROR, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MsalInteractionRequiredException) {
                return null;
            }
            throw MsalErrors.translate(e, profile.name());
        } catch (TimeoutException e) {
            throw MsalErrors.translate(e, profile.name());
        } catch (MalformedURLException e) {
            throw new AuthException(ExitCode.USAGE, "the authority " + Authorities.of(profile) + " is not a valid URL", e);
        }
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
            throw timedOut(polling, e);
        } catch (ExecutionException e) {
            if (polling.timedOut()) {
                throw timedOut(polling, e);
            }
            throw MsalErrors.translateDeviceCode(e, profile.name());
        }
    }

    private static AuthException timedOut(DeviceCodePolling polling, Exception cause) {
        return new AuthException(ExitCode.TIMEOUT, "no sign-in within the --timeout of " + human(polling.timeout())
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
        interaction.info("Waiting for the sign-in (the code expires in " + human(Duration.ofSeconds(code.expiresIn())) + ")...");
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

    /** The tenant that issued the token: the profile's, or for common/organizations the account's home tenant. */
    private static String tenantOf(IAuthenticationResult result, Profile profile) {
        if (!Identifiers.isMultiTenant(profile.tenantId())) {
            return profile.tenantId();
        }
        IAccount account = result.account();
        String home = account == null ? null : account.homeAccountId();
        int dot = home == null ? -1 : home.indexOf('.');
        return dot < 0 ? profile.tenantId() : home.substring(dot + 1);
    }
}
