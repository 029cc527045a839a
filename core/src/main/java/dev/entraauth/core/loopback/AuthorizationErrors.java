package dev.entraauth.core.loopback;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An error in the authorization response (RFC 6749 §4.1.2.1) as one line with an exit code and a hint. */
final class AuthorizationErrors {
    private static final Pattern FIRST_SENTENCES = Pattern.compile("^(.*?)(?:\\s*Trace ID:.*)?$");

    private AuthorizationErrors() {
    }

    static AuthException of(String error, String description) {
        String code = Sanitize.limit(error, 60);
        String text = Sanitize.limit(description, 300);
        Matcher m = FIRST_SENTENCES.matcher(text);
        if (m.matches()) {
            text = m.group(1).strip();
        }
        String line = "Sign-in failed: " + code + (text.isEmpty() ? "" : ": " + text);
        return switch (error) {
            case "access_denied" -> new AuthException(ExitCode.AUTHORIZATION, line
                    + " — the sign-in was cancelled or consent was declined; run the command again to retry");
            case "consent_required", "invalid_scope" -> new AuthException(ExitCode.AUTHORIZATION, line
                    + " — check the scopes, or ask an administrator to grant consent");
            case "login_required", "interaction_required" -> new AuthException(ExitCode.INTERACTION_REQUIRED, line
                    + " — sign in again");
            case "unauthorized_client", "invalid_client", "invalid_request", "unsupported_response_type" ->
                    new AuthException(ExitCode.AUTHENTICATION, line
                            + " — check the profile's client ID and tenant, and that the app is a public client with the"
                            + " redirect URI http://localhost");
            case "server_error", "temporarily_unavailable" -> new AuthException(ExitCode.SERVICE, line + " — try again later");
            default -> new AuthException(ExitCode.ERROR, line);
        };
    }
}
