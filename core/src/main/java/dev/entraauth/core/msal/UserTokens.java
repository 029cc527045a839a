package dev.entraauth.core.msal;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalInteractionRequiredException;
import com.microsoft.aad.msal4j.SilentParameters;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.io.FileLocks;
import dev.entraauth.core.io.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delegated (user) tokens, the same way for every sign-in flow:
 * <ol>
 *   <li>one acquisition per profile at a time, across processes: a second {@code get-token} waits for the first
 *       one's sign-in and then reuses its tokens instead of signing in again (SECURITY-CHECKLIST TC3), and
 *       refreshes never race, so the refresh token stored is always the newest (TC4);</li>
 *   <li>silently first: the cached access token, else the refresh token ("⟳ Refreshing expired token...");</li>
 *   <li>only when that is impossible — no account yet, the refresh token expired (AADSTS700082) or revoked
 *       (AADSTS50173) — the flow's own sign-in, after which the profile keeps just that account.</li>
 * </ol>
 * msal persists the new tokens (rotated refresh token included) in the secret store before the access token is
 * handed back.
 */
public final class UserTokens {
    private UserTokens() {
    }

    /** A flow's interactive part: the browser, the device code or the pasted code. */
    @FunctionalInterface
    public interface SignIn {
        /**
         * @param remaining how long the sign-in may take
         * @return msal's result of the code exchange or device-code poll
         * @throws Exception any failure; msal's are translated by {@link MsalErrors}
         */
        IAuthenticationResult signIn(Duration remaining) throws Exception;
    }

    /**
     * @param application the flow's msal application for the profile (cache in the secret store)
     * @param http        its transport, to tell a cache answer from a network one
     * @param request     what to acquire
     * @param context     the flow's context
     * @param signIn      the flow's sign-in, run only when no token can be had silently
     * @return the token
     * @throws AuthException with a one-line message and exit code on failure
     */
    public static TokenResult acquire(AbstractClientApplicationBase application, EntraHttpClient http, TokenRequest request,
            FlowContext context, SignIn signIn) throws AuthException {
        long deadline = System.nanoTime() + request.timeout().toNanos();
        Profile profile = request.profile();
        Interaction interaction = context.interaction();
        try (FileLocks.Held ignored = signInLock(profile, context, request.timeout())) {
            int before = http.requestsSent();
            Optional<IAuthenticationResult> silent = silently(application, http, request, interaction, deadline);
            if (silent.isPresent()) {
                return token(silent.get(), request, http.requestsSent() == before);
            }
            IAuthenticationResult result;
            try {
                result = signIn.signIn(remaining(deadline));
            } catch (AuthException e) {
                throw e;
            } catch (Exception e) {
                throw MsalErrors.translate(e, profile.name());
            }
            keepOnly(application, result.account());
            interaction.info(SignInMessages.success());
            return token(result, request, false);
        } catch (AuthException e) {
            throw e;
        } catch (EntraAuthException e) {
            throw new AuthException(e.exitCode(), e.getMessage(), e);
        }
    }

    /**
     * The per-profile sign-in lock, {@code <home>/locks/<profile>.sign-in.lock}: taken at once when free; else
     * the user is told another sign-in is under way and the wait lasts as long as this request may.
     */
    private static FileLocks.Held signInLock(Profile profile, FlowContext context, Duration timeout) throws EntraAuthException {
        Path lockFile = context.home().resolve("locks").resolve(profile.name() + ".sign-in.lock");
        try {
            SecureFiles.privateDirectory(lockFile.getParent());
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot create " + lockFile.getParent() + ": " + e.getMessage(), e);
        }
        try {
            return FileLocks.acquire(lockFile, Duration.ZERO);
        } catch (EntraAuthException busy) {
            context.interaction().info(SignInMessages.waiting(profile.name()));
        }
        try {
            return FileLocks.acquire(lockFile, timeout);
        } catch (EntraAuthException e) {
            if (e.exitCode() == ExitCode.IO && e.getMessage().startsWith("timed out")) {
                throw new AuthException(ExitCode.TIMEOUT, "timed out after " + timeout.toSeconds()
                        + " s waiting for another sign-in of profile '" + profile.name() + "' to finish; try again", e);
            }
            throw e;
        }
    }

    private static Optional<IAuthenticationResult> silently(AbstractClientApplicationBase application, EntraHttpClient http,
            TokenRequest request, Interaction interaction, long deadline) throws AuthException {
        Profile profile = request.profile();
        try {
            Set<IAccount> accounts = await(application.getAccounts(), deadline);
            if (accounts.isEmpty()) {
                return Optional.empty();
            }
            SilentParameters parameters = SilentParameters.builder(new LinkedHashSet<>(request.scopes()), accounts.iterator().next())
                    .forceRefresh(request.forceRefresh())
                    .build();
            http.beforeNextRequest(() -> interaction.info(SignInMessages.refreshing()));
            int before = http.requestsSent();
            IAuthenticationResult result = await(application.acquireTokenSilently(parameters), deadline);
            if (http.requestsSent() > before) {
                interaction.info(SignInMessages.refreshed());
            }
            return Optional.of(result);
        } catch (java.net.MalformedURLException e) {
            throw new AuthException(ExitCode.USAGE, "the authority " + Authorities.of(profile) + " is not a valid URL", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MsalInteractionRequiredException required) {
                interaction.warn(SignInMessages.signInAgain(MsalErrors.code(required)));
                return Optional.empty();
            }
            if (e.getCause() instanceof MsalClientException client && "cache_miss".equals(client.errorCode())) {
                return Optional.empty();   // an account, but no token for these scopes: sign in for them
            }
            throw MsalErrors.translate(e, profile.name());
        } finally {
            http.beforeNextRequest(null);
        }
    }

    /** After a sign-in the profile's cache keeps only the account that signed in: a profile is one identity. */
    private static void keepOnly(AbstractClientApplicationBase application, IAccount account) {
        if (account == null) {
            return;
        }
        for (IAccount other : application.getAccounts().join()) {
            if (!other.homeAccountId().equals(account.homeAccountId())) {
                application.removeAccount(other).join();
            }
        }
    }

    private static <T> T await(CompletableFuture<T> future, long deadline) throws ExecutionException, AuthException {
        try {
            return future.get(Math.max(1, remaining(deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new AuthException(ExitCode.ERROR, "interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AuthException(ExitCode.TIMEOUT, "no answer from Entra ID before the deadline (--timeout)", e);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private static TokenResult token(IAuthenticationResult result, TokenRequest request, boolean fromCache) {
        String tenant = result.account() != null && result.account().homeAccountId() != null
                && result.account().homeAccountId().contains(".")
                ? result.account().homeAccountId().substring(result.account().homeAccountId().indexOf('.') + 1)
                : request.profile().tenantId();
        return new TokenResult(result.accessToken(), "Bearer", result.expiresOnDate().toInstant(),
                List.copyOf(request.scopes()), tenant, fromCache);
    }
}
