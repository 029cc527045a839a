package dev.entraauth.testkit;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Managed identity sources on a plain-HTTP loopback port, as IMDS is: the IMDS token endpoint
 * ({@code Metadata: true} required; how-to-use-vm-token) and the App Service endpoint
 * ({@code X-IDENTITY-HEADER} required; overview-managed-identity for App Service), Azure Arc's challenge and
 * Cloud Shell's form POST. System-assigned by default,
 * user-assigned by {@code client_id} (also {@code object_id}/{@code msi_res_id} as the seeded identity's ids).
 */
final class ManagedIdentityEndpoints {
    private static final Duration LIFETIME = Duration.ofHours(24).minusSeconds(1);
    private final EntraEmulator emulator;

    ManagedIdentityEndpoints(EntraEmulator emulator) {
        this.emulator = emulator;
    }

    void register(Router router) {
        router.on("GET", "/metadata/identity/oauth2/token", this::imds)
                .on("GET", "/msi/token", this::appService)
                .on("GET", "/arc/metadata/identity/oauth2/token", this::arc)
                .on("POST", "/oauth2/token", this::cloudShell)
                .on("GET", "/oauth2/token", this::cloudShell);
    }

    private void imds(Call call, Matcher m) throws IOException {
        // how-to-use-vm-token: "The value must be specified as true, in all lower case", else 400 bad_request_102.
        if (!"true".equals(call.header("Metadata"))) {
            call.json(400, Map.of("error", "bad_request_102", "error_description", "Required metadata header not specified"));
            return;
        }
        if (call.query.get("api-version") == null) {
            call.json(400, Map.of("error", "invalid_request", "error_description", "Required query variable 'api-version' is missing"));
            return;
        }
        issue(call, true);
    }

    /**
     * Azure Arc (how-to-use-vm-token for Arc-enabled servers): without {@code Authorization}, 401 with
     * {@code WWW-Authenticate: Basic realm=<key file>}; with {@code Authorization: Basic <that file's content>}, the
     * token. Only the system-assigned identity.
     */
    private void arc(Call call, Matcher m) throws IOException {
        if (!"true".equals(call.header("Metadata"))) {
            call.json(400, Map.of("error", "bad_request_102", "error_description", "Required metadata header not specified"));
            return;
        }
        String file = emulator.arcChallengeFile();
        String authorization = call.header("Authorization");
        if (authorization == null) {
            call.status(401, Map.of("WWW-Authenticate", "Basic realm=" + file), Map.of("error", "unauthorized",
                    "error_description", "Use the key file named in WWW-Authenticate"));
            return;
        }
        String expected;
        try {
            expected = "Basic " + java.nio.file.Files.readString(java.nio.file.Path.of(file));
        } catch (IOException | RuntimeException e) {
            expected = null;
        }
        if (expected == null || !java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                authorization.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            call.json(401, Map.of("error", "unauthorized", "error_description", "The key does not match"));
            return;
        }
        issue(call, true);
    }

    /**
     * Cloud Shell (cloud-shell/msi-authorization): {@code /oauth2/token} with {@code Metadata: true} and the
     * resource. The docs show {@code curl localhost:50342/oauth2/token --data "resource=…" -H Metadata:true} (a POST
     * with a form); msal4j 1.26 sends a GET with the resource in the query. Both are answered. Only the
     * system-assigned identity (the signed-in user's, in the real Cloud Shell).
     */
    private void cloudShell(Call call, Matcher m) throws IOException {
        if (!"true".equals(call.header("Metadata"))) {
            call.json(400, Map.of("error", "bad_request_102", "error_description", "Required metadata header not specified"));
            return;
        }
        if (call.param("resource") == null) {
            call.json(400, Map.of("error", "invalid_request", "error_description", "Required parameter 'resource' is missing"));
            return;
        }
        issue(call, true);
    }

    /** Registers Service Fabric's endpoint, which is HTTPS: on the emulator's TLS port. */
    void registerServiceFabric(Router router) {
        router.on("GET", "/servicefabric/metadata/identity/oauth2/token", this::serviceFabric);
    }

    /**
     * Service Fabric (service-fabric-application-managed-identity "how to use"): HTTPS to a certificate the client
     * pins by thumbprint, the header {@code secret} equal to {@code IDENTITY_HEADER}, {@code api-version=2019-07-01-preview};
     * errors as {@code {"error": {"code", "message"}}}.
     */
    private void serviceFabric(Call call, Matcher m) throws IOException {
        if (!emulator.appServiceIdentityHeader().equals(call.header("secret"))) {
            call.json(401, Map.of("error", Map.of("code", "SecretHeaderNotFound", "message", "Secret is not found in the request headers.")));
            return;
        }
        if (!"2019-07-01-preview".equals(call.query.get("api-version"))) {
            call.json(400, Map.of("error", Map.of("code", "InvalidApiVersion", "message", "The api-version is not supported.")));
            return;
        }
        issue(call, false);
    }

    private void appService(Call call, Matcher m) throws IOException {
        if (!emulator.appServiceIdentityHeader().equals(call.header("X-IDENTITY-HEADER"))) {
            call.json(401, Map.of("statusCode", 401, "message", "X-IDENTITY-HEADER is missing or does not match IDENTITY_HEADER"));
            return;
        }
        issue(call, false);
    }

    private void issue(Call call, boolean imds) throws IOException {
        String resource = call.param("resource");
        if (resource == null || resource.isBlank()) {
            call.json(400, Map.of("error", "invalid_request", "error_description", "Required query variable 'resource' is missing"));
            return;
        }
        EntraEmulator.Seed seed = emulator.seed();
        Application identity = seed.systemIdentity();
        String clientId = call.param("client_id");
        String objectId = call.param("object_id") != null ? call.param("object_id") : call.param("principal_id");
        String resourceId = call.param("msi_res_id") != null ? call.param("msi_res_id") : call.param("mi_res_id");
        if (clientId != null || objectId != null || resourceId != null) {
            Application wanted = seed.tenant().applications().stream()
                    .filter(a -> a.clientId().equalsIgnoreCase(String.valueOf(clientId))
                            || a.servicePrincipalId().equalsIgnoreCase(String.valueOf(objectId))
                            || String.valueOf(resourceId).endsWith("/userAssignedIdentities/" + a.displayName().replace(' ', '-')))
                    .filter(a -> a == seed.userIdentity() || a.displayName().endsWith("managed identity"))
                    .findFirst().orElse(null);
            if (wanted == null) {
                call.json(400, Map.of("error", "invalid_request", "error_description", "Identity not found"));
                return;
            }
            identity = wanted;
        }
        String res = resource.endsWith("/.default") ? resource.substring(0, resource.length() - "/.default".length()) : resource;
        Scopes scopes = Scopes.parse(res + "/.default", seed.tenant());
        Set<String> roles = identity.applicationPermissions(scopes.resource().identifier());
        Instant now = Instant.now();
        String token = emulator.tokens().accessToken(seed.tenant(), identity, null, scopes.resource(), roles, true, "2", now, LIFETIME);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("client_id", identity.clientId());
        if (imds) {
            body.put("expires_in", Long.toString(LIFETIME.toSeconds()));
            body.put("ext_expires_in", Long.toString(LIFETIME.toSeconds()));
            body.put("not_before", Long.toString(now.getEpochSecond()));
        }
        body.put("expires_on", Long.toString(now.plus(LIFETIME).getEpochSecond()));
        body.put("resource", res);
        body.put("token_type", "Bearer");
        call.json(200, body);
    }
}
