package dev.entraauth.core.token;

import java.util.Map;
import java.util.Optional;

/**
 * What the header parameters and claims of Entra ID's tokens mean, after Microsoft's access-token and
 * id-token claims references and RFC 7515/7519, with a word on well-known values (Microsoft Graph's app id,
 * how the client authenticated, the personal-account tenant).
 */
public final class ClaimGlossary {
    private static final Map<String, String> HEADER = Map.ofEntries(
            Map.entry("alg", "signature algorithm"),
            Map.entry("typ", "token type"),
            Map.entry("cty", "content type"),
            Map.entry("kid", "id of the signing key in the issuer's key set (JWKS)"),
            Map.entry("x5t", "SHA-1 thumbprint of the signing certificate (legacy, same as kid)"),
            Map.entry("x5t#S256", "SHA-256 thumbprint of the signing certificate"),
            Map.entry("nonce", "Microsoft Graph's nonce: only Graph can verify this token's signature"),
            Map.entry("jku", "URL of a key set (never trusted: keys come from the issuer's discovery document)"),
            Map.entry("x5u", "URL of a certificate (never trusted)"),
            Map.entry("crit", "extensions the recipient must understand"),
            Map.entry("zip", "compression"));

    private static final Map<String, String> CLAIMS = Map.ofEntries(
            Map.entry("aud", "audience: the API this token is for; any other API rejects it"),
            Map.entry("iss", "issuer: the token service and tenant that issued it"),
            Map.entry("iat", "issued at"),
            Map.entry("nbf", "not valid before"),
            Map.entry("exp", "expires"),
            Map.entry("auth_time", "when the user signed in"),
            Map.entry("tid", "tenant id (directory) the subject belongs to"),
            Map.entry("oid", "object id of the user or service principal in that tenant"),
            Map.entry("sub", "subject: the user or app, pairwise for this application"),
            Map.entry("appid", "application (client) id that asked for the token (v1.0)"),
            Map.entry("azp", "application (client) id that asked for the token (v2.0)"),
            Map.entry("appidacr", "how the client authenticated (v1.0)"),
            Map.entry("azpacr", "how the client authenticated (v2.0)"),
            Map.entry("app_displayname", "the client application's display name"),
            Map.entry("scp", "delegated permissions (scopes) the user granted the app"),
            Map.entry("roles", "app roles (application permissions, or roles assigned to the user)"),
            Map.entry("wids", "directory role templates assigned to the user"),
            Map.entry("groups", "object ids of the subject's groups"),
            Map.entry("hasgroups", "the user is in groups, too many to list"),
            Map.entry("ver", "token version (1.0 or 2.0)"),
            Map.entry("idtyp", "identity type: app (app-only) or user"),
            Map.entry("upn", "user principal name"),
            Map.entry("unique_name", "user name (display only)"),
            Map.entry("preferred_username", "user name (display only; may change)"),
            Map.entry("name", "display name"),
            Map.entry("given_name", "first name"),
            Map.entry("family_name", "last name"),
            Map.entry("email", "email address"),
            Map.entry("idp", "identity provider that authenticated the subject"),
            Map.entry("ipaddr", "IP address the user signed in from"),
            Map.entry("amr", "how the user authenticated (password, mfa, rsa, wia...)"),
            Map.entry("acr", "authentication context class (0: did not meet ISO/IEC 29115)"),
            Map.entry("acrs", "authentication context ids satisfied"),
            Map.entry("nonce", "the sign-in request's nonce (ID tokens)"),
            Map.entry("at_hash", "hash of the access token issued with this ID token"),
            Map.entry("c_hash", "hash of the authorization code issued with this ID token"),
            Map.entry("sid", "session id"),
            Map.entry("aio", "internal to Entra ID (opaque)"),
            Map.entry("rh", "internal to Entra ID (opaque)"),
            Map.entry("uti", "token identifier, internal to Entra ID (opaque)"),
            Map.entry("xms_tcdt", "when the tenant was created"),
            Map.entry("xms_cc", "client capabilities (CP1: continuous access evaluation)"),
            Map.entry("xms_ftd", "internal to Entra ID (opaque)"),
            Map.entry("xms_idrel", "internal to Entra ID (opaque)"),
            Map.entry("xms_pdl", "preferred data location"),
            Map.entry("xms_tpl", "tenant preferred language"),
            Map.entry("ctry", "user's country or region"),
            Map.entry("tenant_ctry", "tenant's country or region"),
            Map.entry("tenant_region_scope", "tenant's region"),
            Map.entry("onprem_sid", "on-premises security identifier"),
            Map.entry("pwd_exp", "when the password expires"),
            Map.entry("pwd_url", "where to change the password"),
            Map.entry("login_hint", "a login hint for this account"),
            Map.entry("deviceid", "device id"),
            Map.entry("signin_state", "sign-in state (device, MFA)"));

    private static final Map<String, String> KNOWN_APPS = Map.ofEntries(
            Map.entry("00000003-0000-0000-c000-000000000000", "Microsoft Graph"),
            Map.entry("https://graph.microsoft.com", "Microsoft Graph"),
            Map.entry("https://graph.microsoft.us", "Microsoft Graph (US Government)"),
            Map.entry("https://microsoftgraph.chinacloudapi.cn", "Microsoft Graph (China)"),
            Map.entry("00000002-0000-0000-c000-000000000000", "Azure AD Graph (retired)"),
            Map.entry("https://graph.windows.net", "Azure AD Graph (retired)"),
            Map.entry("797f4846-ba00-4fd7-ba43-dac1f8f63013", "Azure Resource Manager"),
            Map.entry("https://management.azure.com", "Azure Resource Manager"),
            Map.entry("https://management.core.windows.net", "Azure Resource Manager"),
            Map.entry("cfa8b339-82a2-471a-a3c9-0fc0be7a4093", "Azure Key Vault"),
            Map.entry("https://vault.azure.net", "Azure Key Vault"),
            Map.entry("e406a681-f3d4-42a8-90b6-c2b029497af1", "Azure Storage"),
            Map.entry("https://storage.azure.com", "Azure Storage"),
            Map.entry("https://database.windows.net", "Azure SQL Database"),
            Map.entry("14d82eec-204b-4c2f-b7e8-296a70dab67e", "Microsoft Graph Command Line Tools"),
            Map.entry("04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Azure CLI"),
            Map.entry("1950a258-227b-4e31-a9cf-717495945fc2", "Azure PowerShell"));

    /** The tenant of personal Microsoft accounts (MSA). */
    public static final String CONSUMER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";

    private ClaimGlossary() {
    }

    /**
     * @param name a header parameter
     * @return what it means, when known
     */
    public static Optional<String> header(String name) {
        return Optional.ofNullable(HEADER.get(name));
    }

    /**
     * @param name  a claim
     * @param value its value
     * @return what it means, with a word on a well-known value; empty for unknown claims
     */
    public static Optional<String> claim(String name, Object value) {
        String meaning = CLAIMS.get(name);
        if (meaning == null) {
            return Optional.empty();
        }
        return Optional.of(valueNote(name, value).map(note -> meaning + "; " + note).orElse(meaning));
    }

    /**
     * @param idOrUri an application id or an API's identifier URI
     * @return the name of a well-known Microsoft application, when it is one
     */
    public static Optional<String> knownApplication(String idOrUri) {
        if (idOrUri == null) {
            return Optional.empty();
        }
        String key = idOrUri.endsWith("/") ? idOrUri.substring(0, idOrUri.length() - 1) : idOrUri;
        return Optional.ofNullable(KNOWN_APPS.get(key.toLowerCase(java.util.Locale.ROOT)));
    }

    private static Optional<String> valueNote(String name, Object value) {
        String text = value instanceof String s ? s : null;
        return switch (name) {
            case "aud", "appid", "azp" -> knownApplication(text);
            case "appidacr", "azpacr" -> Optional.ofNullable(switch (String.valueOf(value)) {
                case "0" -> "public client (no client credential)";
                case "1" -> "client secret";
                case "2" -> "certificate";
                default -> null;
            });
            case "tid" -> CONSUMER_TENANT.equals(text) ? Optional.of("personal Microsoft accounts") : Optional.empty();
            case "idtyp" -> "app".equals(text) ? Optional.of("app-only") : Optional.empty();
            default -> Optional.empty();
        };
    }
}
