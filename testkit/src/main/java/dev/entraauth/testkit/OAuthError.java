package dev.entraauth.testkit;

import java.io.Serial;
import java.util.List;

/**
 * An error answered in Entra's shape: {@code error}, {@code error_description} starting with the AADSTS code
 * and ending with trace and correlation ids, {@code error_codes}, {@code timestamp}, {@code trace_id},
 * {@code correlation_id}, {@code error_uri} (reference-error-codes).
 */
final class OAuthError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    final int status;
    final String error;
    final int code;
    final String suberror;

    OAuthError(int status, String error, int code, String description) {
        this(status, error, code, description, null);
    }

    OAuthError(int status, String error, int code, String description, String suberror) {
        super(description);
        this.status = status;
        this.error = error;
        this.code = code;
        this.suberror = suberror;
    }

    List<Integer> codes() {
        return code == 0 ? List.of() : List.of(code);
    }

    // ---- the errors of the Entra reference, by code -------------------------------------------------------

    static OAuthError tenantNotFound(String tenant) {
        return new OAuthError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make sure you have the"
                + " correct tenant ID and are signing into the correct cloud.");
    }

    static OAuthError applicationNotFound(String clientId, String tenant) {
        return new OAuthError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId + "' was not found"
                + " in the directory '" + tenant + "'. This can happen if the application has not been installed by the"
                + " administrator of the tenant or consented to by any user in the tenant. You may have sent your"
                + " authentication request to the wrong tenant.");
    }

    static OAuthError invalidSecret(String clientId) {
        return new OAuthError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in"
                + " the request is the client secret value, not the client secret ID, for a secret added to app '" + clientId + "'.");
    }

    static OAuthError expiredSecret(String clientId) {
        return new OAuthError(401, "invalid_client", 7000222, "The provided client secret keys for app '" + clientId
                + "' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret,"
                + " or consider using certificate credentials for added security: https://aka.ms/certCreds.");
    }

    static OAuthError noCredential(String clientId) {
        return new OAuthError(401, "invalid_client", 7000218, "The request body must contain the following parameter:"
                + " 'client_assertion' or 'client_secret'.");
    }

    static OAuthError scopeNeedsDefault(String scope) {
        return new OAuthError(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid. Client"
                + " credential flows must have a scope value with /.default suffixed to the resource identifier"
                + " (application ID URI).");
    }

    static OAuthError invalidScope(String scope) {
        return new OAuthError(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid."
                + " The scope " + scope + " is not valid.");
    }

    static OAuthError multipleResources(String scope) {
        return new OAuthError(400, "invalid_scope", 28000, "Provided value for the input parameter scope is not valid because"
                + " it contains more than one resource. Scope " + scope + " is not valid.");
    }

    static OAuthError mfaRequired(String resource) {
        return new OAuthError(400, "invalid_grant", 50076, "Due to a configuration change made by your administrator, or"
                + " because you moved to a new location, you must use multi-factor authentication to access '" + resource + "'.",
                "basic_action");
    }

    static OAuthError consentRequired(Application app) {
        return new OAuthError(400, "invalid_grant", 65001, "The user or administrator has not consented to use the application"
                + " with ID '" + app.clientId() + "' named '" + app.displayName() + "'. Send an interactive authorization request"
                + " for this user and resource.", "consent_required");
    }

    static OAuthError refreshTokenExpired(String issued) {
        return new OAuthError(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity. The token was"
                + " issued on " + issued + " and was inactive for 90.00:00:00.");
    }

    static OAuthError grantRevoked() {
        return new OAuthError(400, "invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh"
                + " auth token is needed. The user might have changed or reset their password.");
    }

    static OAuthError redirectMismatch(String uri, String clientId) {
        return new OAuthError(400, "invalid_request", 50011, "The redirect URI '" + uri + "' specified in the request does not"
                + " match the redirect URIs configured for the application '" + clientId + "'. Make sure the redirect URI sent"
                + " in the request matches one added to your application in the Azure portal.");
    }

    static OAuthError assertionTimeRange(long now, long nbf, long exp) {
        return new OAuthError(401, "invalid_client", 700024, "Client assertion is not within its valid time range. Current time: "
                + java.time.Instant.ofEpochSecond(now) + ", assertion valid from " + java.time.Instant.ofEpochSecond(nbf)
                + ", expiry time of assertion " + java.time.Instant.ofEpochSecond(exp) + ".");
    }

    static OAuthError assertionSignature(String why) {
        return new OAuthError(401, "invalid_client", 700027, "Client assertion failed signature validation. " + why);
    }

    static OAuthError assertionClaims(String why) {
        return new OAuthError(401, "invalid_client", 700021, "Client assertion application identifier doesn't match"
                + " 'client_id' parameter, or its audience is not this token endpoint. " + why);
    }

    static OAuthError assertionReplayed() {
        return new OAuthError(401, "invalid_client", 700025, "Client assertion has already been used (its jti was seen before).");
    }

    static OAuthError codeRedeemed() {
        return new OAuthError(400, "invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with"
                + " a new valid code or use an existing refresh token.");
    }

    static OAuthError codeVerifierMismatch() {
        return new OAuthError(400, "invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in"
                + " the authorization request.");
    }

    static OAuthError invalidGrant(int code, String description) {
        return new OAuthError(400, "invalid_grant", code, description);
    }

    static OAuthError invalidRequest(int code, String description) {
        return new OAuthError(400, "invalid_request", code, description);
    }

    /**
     * The answer of an injected {@link Fault}: {@code temporarily_unavailable} for 429, {@code server_error} for
     * 5xx, {@code invalid_request} otherwise; AADSTS50196 with Entra's description, any other code (0 meaning
     * AADSTS90033) saying it is a test fault.
     */
    static OAuthError injected(int status, int code) {
        String error = status == 429 ? "temporarily_unavailable" : status >= 500 ? "server_error" : "invalid_request";
        if (code == Fault.LOOP_DETECTED) {
            return new OAuthError(status, error, code, "The server terminated an operation because it encountered a client"
                    + " request loop. Please contact your app vendor.");
        }
        return new OAuthError(status, error, code == 0 ? 90033 : code, "The emulator injected HTTP " + status + " (a test fault).");
    }

    static OAuthError deviceFlow(String error, String description) {
        return new OAuthError(400, error, switch (error) {
            case "authorization_pending" -> 70016;
            case "authorization_declined" -> 70000;
            case "expired_token" -> 70020;
            case "bad_verification_code" -> 70018; // BadVerificationCode (70019 is CodeExpired)
            default -> 0;
        }, description);
    }
}
