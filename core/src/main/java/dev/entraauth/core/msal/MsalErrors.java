package dev.entraauth.core.msal;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns msal4j's failures into one line a person can act on: the AADSTS code and Entra's first sentence, a
 * hint of what to do, and an exit code from {@link ExitCode}. Nothing of the request (secrets, assertions)
 * is ever part of the message. A failure of the token cache's lock or store keeps its own exit code and message.
 */
public final class MsalErrors {
    private static final Pattern AADSTS = Pattern.compile("(AADSTS\\d+): ([^\\r\\n]*?)(?:\\r|\\n|Trace ID|$)");

    private MsalErrors() {
    }

    /**
     * @param failure what msal (or the transport under it) threw
     * @param profile the profile name, for hints
     * @return the error to report
     */
    public static AuthException translate(Throwable failure, String profile) {
        Throwable e = unwrap(failure);
        if (cause(e, AuthException.class) instanceof AuthException known) {
            return known;   // already explained by our own code under msal (a credential callback)
        }
        if (cause(e, CacheAccessException.class) instanceof CacheAccessException cache) {
            EntraAuthException why = cache.failure();
            return new AuthException(why.exitCode(), why.getMessage(), why);
        }
        if (e instanceof MsalServiceException service) {
            return service(service, profile);
        }
        if (e instanceof TimeoutException || e instanceof HttpTimeoutException || has(e, HttpTimeoutException.class)) {
            return new AuthException(ExitCode.TIMEOUT, "no answer from Entra ID in time; check the network, a proxy"
                    + " (HTTPS_PROXY), or raise --timeout", e);
        }
        if (has(e, SSLException.class)) {
            return new AuthException(ExitCode.NETWORK, "TLS to Entra ID failed (" + cause(e, SSLException.class).getMessage()
                    + "); behind TLS inspection, give your CA with --ca-bundle or ENTRA_AUTH_CLI_CA_BUNDLE", e);
        }
        if (has(e, UnknownHostException.class) || has(e, ConnectException.class) || has(e, java.io.IOException.class)) {
            return new AuthException(ExitCode.NETWORK, "cannot reach Entra ID: " + rootMessage(e)
                    + "; check the network and proxy settings (HTTPS_PROXY, NO_PROXY)", e);
        }
        if (e instanceof MsalClientException client) {
            return new AuthException(ExitCode.ERROR, "msal: " + client.errorCode() + ": " + firstLine(client.getMessage()), e);
        }
        return new AuthException(ExitCode.ABNORMAL, "unexpected " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()), e);
    }

    /**
     * Like {@link #translate}, for a device-code sign-in (RFC 8628 §3.5): each way polling ends has its own message
     * and exit code — declined ({@code authorization_declined}, {@code access_denied}): {@link ExitCode#AUTHORIZATION};
     * expired ({@code expired_token}, or msal's own {@code code_expired}): {@link ExitCode#TIMEOUT};
     * {@code bad_verification_code} (Entra does not know the code it issued: a bug somewhere):
     * {@link ExitCode#ABNORMAL}; an app that does not allow public client flows: {@link ExitCode#AUTHENTICATION};
     * anything else as {@link #translate} says (an OAuth error it does not know: {@link ExitCode#ERROR}).
     *
     * @param failure what msal (or the transport under it) threw
     * @param profile the profile name, for hints
     * @return the error to report
     */
    public static AuthException translateDeviceCode(Throwable failure, String profile) {
        Throwable e = unwrap(failure);
        String error = e instanceof MsalServiceException service ? service.errorCode()
                : e instanceof MsalClientException client ? client.errorCode() : null;
        String code = e instanceof MsalServiceException service ? code(service) : error;
        String again = "'entra-auth-cli get-token -p " + profile + " -f DeviceCode'";
        return switch (error == null ? "" : error) {
            case "authorization_declined", "access_denied" -> new AuthException(ExitCode.AUTHORIZATION, code
                    + ": the sign-in was declined (" + error + "), so no token was issued — run " + again
                    + " again only if you meant to sign in", e);
            case "expired_token", "code_expired" -> new AuthException(ExitCode.TIMEOUT, code
                    + ": the device code expired before the sign-in was completed — run " + again
                    + " again for a new code and enter it at once", e);
            case "bad_verification_code" -> new AuthException(ExitCode.ABNORMAL, code
                    + ": Entra ID does not know the device code it issued (bad_verification_code) — this should not happen;"
                    + " run again with --debug and report it", e);
            default -> {
                if (code != null && code.equals("AADSTS7000218")) {
                    yield auth(ExitCode.AUTHENTICATION, code + ": the application does not allow public client flows",
                            "in the app registration, turn on Authentication > Advanced settings > 'Allow public client flows'", e);
                }
                AuthException general = translate(failure, profile);
                if (general.exitCode() == ExitCode.ERROR && e instanceof MsalServiceException && error != null) {
                    yield new AuthException(ExitCode.ERROR, general.getMessage() + " (polling stopped on '" + error
                            + "', an answer entra-auth-cli does not know)", e);
                }
                yield general;
            }
        };
    }

    /**
     * @param e a failure from Entra ID
     * @return its AADSTS code ("AADSTS700082"), else msal's error code ("invalid_grant")
     */
    public static String code(MsalServiceException e) {
        Matcher m = AADSTS.matcher(e.getMessage() == null ? "" : e.getMessage());
        return m.find() ? m.group(1) : e.errorCode();
    }

    private static AuthException service(MsalServiceException e, String profile) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = AADSTS.matcher(message);
        String code = m.find() ? m.group(1) : e.errorCode();
        String text = m.find(0) ? m.group(2).strip() : firstLine(message);
        String line = code + ": " + text;
        String number = code.startsWith("AADSTS") ? code.substring(6) : "";
        return switch (number) {
            case "7000215" -> auth(ExitCode.AUTHENTICATION, line, "the client secret is wrong; update it with 'entra-auth-cli config edit -p "
                    + profile + " --secret-stdin'", e);
            case "7000222" -> auth(ExitCode.AUTHENTICATION, line, "the client secret has expired; create a new one and run"
                    + " 'entra-auth-cli config edit -p " + profile + " --secret-stdin'", e);
            case "700016" -> auth(ExitCode.AUTHENTICATION, line, "check the client ID and tenant of profile '" + profile
                    + "' (is the app registered in this tenant?)", e);
            case "90002" -> auth(ExitCode.AUTHENTICATION, line, "check the tenant ID of profile '" + profile + "'", e);
            case "700027", "700021", "700025", "7000218" -> auth(ExitCode.AUTHENTICATION, line,
                    "check that the certificate of profile '" + profile + "' is the one uploaded to the app registration", e);
            case "700024", "50027" -> auth(ExitCode.AUTHENTICATION, line, "the clock of this machine may be wrong; check the time", e);
            case "1002012" -> auth(ExitCode.AUTHORIZATION, line, "client credentials need a scope ending in /.default, such as"
                    + " https://graph.microsoft.com/.default", e);
            case "70011", "28000", "500011" -> auth(ExitCode.AUTHORIZATION, line, "check the scope (--scope or the profile's scopes)", e);
            case "65001" -> auth(ExitCode.AUTHORIZATION, line, "consent is missing: sign in interactively once, or ask an"
                    + " administrator to grant consent", e);
            case "50196" -> auth(ExitCode.SERVICE, line, "Entra ID saw the same request too often (a client request loop) and"
                    + " refuses it for now; it was not retried. Wait a few minutes, and let repeated calls use the cached token"
                    + " (no --force in loops)", e);
            case "50076", "50079", "50173", "700082", "50078" -> auth(ExitCode.INTERACTION_REQUIRED, line,
                    "sign in again: entra-auth-cli get-token -p " + profile + " --force", e);
            default -> {
                Integer status = e.statusCode();   // msal leaves it null for token-endpoint errors
                int http = status == null ? 0 : status;
                ExitCode exit = http >= 500 || http == 429 ? ExitCode.SERVICE
                        : http == 401 || "invalid_client".equals(e.errorCode()) ? ExitCode.AUTHENTICATION : ExitCode.ERROR;
                yield new AuthException(exit, line, e);
            }
        };
    }

    private static AuthException auth(ExitCode code, String line, String hint, Throwable cause) {
        return new AuthException(code, line + " — " + hint, cause);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof CancellationException) {
            return new TimeoutException("cancelled");
        }
        return t;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        return cause(e, type) != null;
    }

    private static Throwable cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage()));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
