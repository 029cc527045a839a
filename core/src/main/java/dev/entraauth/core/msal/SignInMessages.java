package dev.entraauth.core.msal;

import dev.entraauth.core.text.Marks;

/** The stderr lines of user sign-in, worded as the product documents show them. */
final class SignInMessages {
    private SignInMessages() {
    }

    static String refreshing() {
        return Marks.refresh() + " Refreshing expired token...";
    }

    static String refreshed() {
        return Marks.check() + " Token refreshed";
    }

    static String success() {
        return Marks.check() + " Authentication successful!";
    }

    static String waiting(String profile) {
        return Marks.waiting() + " Another sign-in for profile '" + profile + "' is in progress; waiting for it to finish...";
    }

    static String signInAgain(String code) {
        String why = switch (code) {
            case "AADSTS700082" -> "the refresh token has expired (AADSTS700082, unused for too long)";
            case "AADSTS50173" -> "the sign-in was revoked (AADSTS50173, for example after a password change)";
            case "AADSTS50076", "AADSTS50079" -> "multi-factor authentication is required (" + code + ")";
            default -> "the cached sign-in can no longer be used (" + code + ")";
        };
        return why + "; signing in again";
    }
}
