package dev.entraauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Graph v1.0, the part the CLI uses: list and get applications, {@code addPassword}, and a service
 * principal's scopes and roles; bearer tokens from this emulator with Graph's permissions, 401/403/404 in
 * Graph's error shape (application-list, application-get, application-addpassword, serviceprincipal-get).
 */
final class GraphEndpoints {
    private static final Pattern STARTS_WITH = Pattern.compile("startswith\\(displayName,\\s*'((?:[^']|'')*)'\\)", Pattern.CASE_INSENSITIVE);
    private static final Set<String> READ = Set.of("Application.Read.All", "Application.ReadWrite.All", "Directory.Read.All",
            "Application.ReadWrite.OwnedBy");
    private final EntraEmulator emulator;

    GraphEndpoints(EntraEmulator emulator) {
        this.emulator = emulator;
    }

    void register(Router router) {
        router.on("GET", "/graph/v1\\.0/applications", this::list)
                .on("GET", "/graph/v1\\.0/applications\\(appId='(?<appId>[^']+)'\\)", (c, m) -> get(c, m.group("appId"), true))
                .on("GET", "/graph/v1\\.0/applications/(?<id>[0-9a-fA-F-]+)", (c, m) -> get(c, m.group("id"), false))
                .on("POST", "/graph/v1\\.0/applications/(?<id>[0-9a-fA-F-]+)/addPassword", this::addPassword)
                .on("POST", "/graph/v1\\.0/applications\\(appId='(?<appId>[^']+)'\\)/addPassword", this::addPassword)
                .on("GET", "/graph/v1\\.0/servicePrincipals\\(appId='(?<appId>[^']+)'\\)", this::servicePrincipal);
    }

    /**
     * The caller: a verified token's tenant, user (or none for app-only), its {@code oid} (the user, or the calling
     * app's service principal) and permissions.
     */
    private record Caller(Tenant tenant, String userId, String objectId, Set<String> permissions) {
        boolean hasAny(Set<String> wanted) {
            return permissions.stream().anyMatch(wanted::contains);
        }
    }

    private Caller caller(Call call) throws IOException {
        String header = call.header("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            error(call, 401, "InvalidAuthenticationToken", "Access token is empty.");
            return null;
        }
        JWTClaimsSet claims = emulator.tokens().verify(header.substring(7)).orElse(null);
        if (claims == null) {
            error(call, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience, signature or expiry.");
            return null;
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(Scopes.GRAPH.identifier())) {
            error(call, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
            return null;
        }
        Tenant tenant = emulator.tenant(String.valueOf(claims.getClaim("tid")));
        Set<String> permissions = new java.util.HashSet<>();
        Object scp = claims.getClaim("scp");
        if (scp != null) {
            permissions.addAll(List.of(scp.toString().split(" ")));
        }
        Object roles = claims.getClaim("roles");
        if (roles instanceof List<?> list) {
            list.forEach(r -> permissions.add(r.toString()));
        }
        String user = "user".equals(claims.getClaim("idtyp")) ? String.valueOf(claims.getClaim("oid")) : null;
        return new Caller(tenant, user, String.valueOf(claims.getClaim("oid")), permissions);
    }

    private void list(Call call, Matcher m) throws IOException {
        Caller caller = caller(call);
        if (caller == null) {
            return;
        }
        if (!caller.hasAny(READ)) {
            denied(call);
            return;
        }
        String filter = call.query.get("$filter");
        String search = call.query.get("$search");
        List<Application> apps = new ArrayList<>(caller.tenant().applications());
        if (filter != null) {
            Matcher starts = STARTS_WITH.matcher(filter);
            if (!starts.find()) {
                error(call, 400, "Request_UnsupportedQuery", "Unsupported or invalid query filter clause specified.");
                return;
            }
            String prefix = starts.group(1).replace("''", "'").toLowerCase(Locale.ROOT);
            apps.removeIf(a -> !a.displayName().toLowerCase(Locale.ROOT).startsWith(prefix));
        }
        if (search != null) {
            if (!"eventual".equalsIgnoreCase(call.header("ConsistencyLevel"))) {
                error(call, 400, "Request_UnsupportedQuery", "Search is only supported with the header ConsistencyLevel: eventual.");
                return;
            }
            String text = search.replace("\"", "");
            String term = (text.contains(":") ? text.substring(text.indexOf(':') + 1) : text).toLowerCase(Locale.ROOT);
            apps.removeIf(a -> !a.displayName().toLowerCase(Locale.ROOT).contains(term));
        }
        apps.sort((a, b) -> a.displayName().compareToIgnoreCase(b.displayName()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", emulator.graphBaseUrl() + "/v1.0/$metadata#applications");
        body.put("value", apps.stream().map(this::json).toList());
        call.json(200, body);
    }

    private void get(Call call, String id, boolean byAppId) throws IOException {
        Caller caller = caller(call);
        if (caller == null) {
            return;
        }
        if (!caller.hasAny(READ)) {
            denied(call);
            return;
        }
        Application app = find(caller.tenant(), id, byAppId);
        if (app == null) {
            notFound(call, id);
            return;
        }
        call.json(200, json(app));
    }

    private void addPassword(Call call, Matcher m) throws IOException {
        Caller caller = caller(call);
        if (caller == null) {
            return;
        }
        boolean byAppId = m.pattern().pattern().contains("appId=");
        String id = byAppId ? m.group("appId") : m.group("id");
        Application app = find(caller.tenant(), id, byAppId);
        // Application.ReadWrite.OwnedBy covers only the apps the caller owns: for an app-only token, the apps whose
        // owners include the calling app's service principal (application-addpassword, permissions-reference).
        boolean owner = app != null && app.owners().contains(caller.objectId());
        boolean allowed = caller.permissions().contains("Application.ReadWrite.All")
                || caller.permissions().contains("Application.ReadWrite.OwnedBy") && owner;
        if (!allowed) {
            denied(call);
            return;
        }
        if (app == null) {
            notFound(call, id);
            return;
        }
        JsonNode body = call.body.length == 0 ? Call.JSON.createObjectNode() : Call.JSON.readTree(call.body);
        JsonNode credential = body.path("passwordCredential");
        String name = credential.path("displayName").asText(null);
        Instant end;
        try {
            end = credential.hasNonNull("endDateTime") ? Instant.parse(credential.get("endDateTime").asText())
                    : Instant.now().plus(java.time.Duration.ofDays(730));
        } catch (DateTimeParseException e) {
            error(call, 400, "Request_BadRequest", "Invalid value specified for property 'endDateTime' of resource 'PasswordCredential'.");
            return;
        }
        ClientSecret secret = app.addSecret(name == null ? "Password uploaded on " + Instant.now() : name, newSecretText(), end);
        Map<String, Object> result = secretJson(secret);
        result.put("@odata.context", emulator.graphBaseUrl() + "/v1.0/$metadata#microsoft.graph.passwordCredential");
        result.put("secretText", secret.value());
        call.json(200, result);
    }

    private void servicePrincipal(Call call, Matcher m) throws IOException {
        Caller caller = caller(call);
        if (caller == null) {
            return;
        }
        if (!caller.hasAny(READ)) {
            denied(call);
            return;
        }
        String appId = m.group("appId").toLowerCase(Locale.ROOT);
        Map<String, Object> body = new LinkedHashMap<>();
        Set<String> scopes;
        Set<String> roles;
        String name;
        if (appId.equals(Scopes.GRAPH.appId())) {
            scopes = Scopes.GRAPH.delegatedScopes();
            roles = Scopes.GRAPH.appRoles();
            name = "Microsoft Graph";
            body.put("id", UUID.nameUUIDFromBytes(appId.getBytes()).toString());
        } else {
            Application app = caller.tenant().application(appId).orElse(null);
            if (app == null) {
                notFound(call, appId);
                return;
            }
            scopes = app.exposedScopes();
            roles = app.appRoles();
            name = app.displayName();
            body.put("id", app.servicePrincipalId());
        }
        body.put("appId", appId);
        body.put("displayName", name);
        body.put("servicePrincipalType", "Application");
        body.put("oauth2PermissionScopes", scopes.stream().sorted().map(s -> Map.of("id", stableId(appId, s), "value", s,
                "type", "User", "isEnabled", true, "adminConsentDisplayName", s, "userConsentDisplayName", s)).toList());
        body.put("appRoles", roles.stream().sorted().map(r -> Map.of("id", stableId(appId, "role:" + r), "value", r,
                "allowedMemberTypes", List.of("Application"), "isEnabled", true, "displayName", r)).toList());
        call.json(200, body);
    }

    private static Application find(Tenant tenant, String id, boolean byAppId) {
        if (byAppId) {
            return tenant.application(id).orElse(null);
        }
        return tenant.applications().stream().filter(a -> a.objectId().equalsIgnoreCase(id)).findFirst().orElse(null);
    }

    private Map<String, Object> json(Application app) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", app.objectId());
        json.put("appId", app.clientId());
        json.put("displayName", app.displayName());
        json.put("createdDateTime", app.createdAt().toString());
        json.put("publisherDomain", app.publisherDomain());
        json.put("signInAudience", "AzureADMyOrg");
        json.put("isFallbackPublicClient", app.isPublicClient());
        json.put("identifierUris", List.of(app.identifierUri()));
        json.put("passwordCredentials", app.secrets().stream().map(GraphEndpoints::secretJson).toList());
        json.put("keyCredentials", app.certificates().stream().map(c -> Map.of("type", "AsymmetricX509Cert", "usage", "Verify",
                "customKeyIdentifier", Pki.thumbprint(c, "SHA-1"), "endDateTime", c.getNotAfter().toInstant().toString())).toList());
        json.put("web", Map.of("redirectUris", app.redirectUris().stream().filter(u -> u.startsWith("https://")).sorted().toList()));
        json.put("publicClient", Map.of("redirectUris", app.redirectUris().stream().filter(u -> u.startsWith("http://")).sorted().toList()));
        return json;
    }

    private static Map<String, Object> secretJson(ClientSecret secret) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("customKeyIdentifier", null);
        json.put("displayName", secret.displayName());
        json.put("endDateTime", secret.expiresAt().toString());
        json.put("hint", secret.hint());
        json.put("keyId", secret.keyId());
        json.put("secretText", null);
        json.put("startDateTime", secret.startsAt().toString());
        return json;
    }

    private static String newSecretText() {
        return Tokens.randomId(30).replace('-', '~').substring(0, 40);
    }

    private static String stableId(String appId, String value) {
        return UUID.nameUUIDFromBytes((appId + "/" + value).getBytes()).toString();
    }

    private static void denied(Call call) throws IOException {
        error(call, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    private static void notFound(Call call, String id) throws IOException {
        error(call, 404, "Request_ResourceNotFound", "Resource '" + id
                + "' does not exist or one of its queried reference-property objects are not present.");
    }

    private static void error(Call call, int status, String code, String message) throws IOException {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("date", Instant.now().toString().substring(0, 19));
        inner.put("request-id", UUID.randomUUID().toString());
        inner.put("client-request-id", UUID.randomUUID().toString());
        call.json(status, Map.of("error", Map.of("code", code, "message", message, "innerError", inner)));
    }
}
