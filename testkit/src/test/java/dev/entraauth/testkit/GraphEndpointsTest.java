package dev.entraauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Microsoft Graph's applications, addPassword and servicePrincipals, called with tokens the emulator issued:
 * app-only through client credentials, delegated through the device code flow of the Graph command-line tools.
 */
class GraphEndpointsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

    EntraEmulator entra;
    HttpClient http;
    EntraEmulator.Seed seed;

    @BeforeEach
    void startTheEmulator() {
        entra = EntraEmulator.start();
        http = entra.httpClient();
        seed = entra.seed();
    }

    @AfterEach
    void stopTheEmulatorWithoutABug() {
        entra.close();
        assertEquals(List.of(), entra.bugs());
    }

    @Test
    void listingWithAStartsWithFilterReturnsTheSeededAppsWithTheirIdentifiers() throws Exception {
        String token = appOnlyToken(seed.confidentialApp().clientId(), seed.clientSecret().value());

        HttpResponse<String> response = graph("GET", "/applications?$filter=" + encode("startswith(displayName,'entra-auth')"), token, null);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode value = JSON.readTree(response.body()).path("value");
        List<String> names = StreamSupport.stream(value.spliterator(), false).map(a -> a.path("displayName").asText()).toList();
        assertEquals(List.of(seed.confidentialApp().displayName(), seed.publicApp().displayName()), names);
        JsonNode first = value.get(0);
        assertEquals(seed.confidentialApp().objectId(), first.path("id").asText());
        assertEquals(seed.confidentialApp().clientId(), first.path("appId").asText());
        assertEquals("contoso.onmicrosoft.com", first.path("publisherDomain").asText());
        Instant created = Instant.parse(first.path("createdDateTime").asText());
        assertTrue(created.isBefore(Instant.now().plusSeconds(1)), created.toString());
    }

    @Test
    void oneApplicationIsFoundByAppIdAndByObjectIdAndAnUnknownOneIs404InGraphsErrorShape() throws Exception {
        String token = appOnlyToken(seed.confidentialApp().clientId(), seed.clientSecret().value());
        Application app = seed.publicApp();

        HttpResponse<String> byAppId = graph("GET", "/applications(appId='" + app.clientId() + "')", token, null);
        HttpResponse<String> byId = graph("GET", "/applications/" + app.objectId(), token, null);
        HttpResponse<String> missing = graph("GET", "/applications/" + UUID.randomUUID(), token, null);
        HttpResponse<String> missingAppId = graph("GET", "/applications(appId='" + UUID.randomUUID() + "')", token, null);

        assertEquals(200, byAppId.statusCode(), byAppId.body());
        assertEquals(200, byId.statusCode(), byId.body());
        assertEquals(app.objectId(), JSON.readTree(byAppId.body()).path("id").asText());
        assertEquals(app.clientId(), JSON.readTree(byId.body()).path("appId").asText());
        for (HttpResponse<String> notFound : List.of(missing, missingAppId)) {
            assertEquals(404, notFound.statusCode(), notFound.body());
            JsonNode error = JSON.readTree(notFound.body()).path("error");
            assertEquals("Request_ResourceNotFound", error.path("code").asText(), notFound.body());
            assertFalse(error.path("message").asText().isEmpty(), notFound.body());
            assertTrue(error.path("innerError").has("request-id"), notFound.body());
        }
    }

    @Test
    void anOwnerAddsAPasswordWhoseTextIsShownOnceAndThenWorksForClientCredentials() throws Exception {
        String token = deviceCodeToken(EntraEmulator.GRAPH_CLI_CLIENT_ID, "https://graph.microsoft.com/Application.ReadWrite.All");
        Application app = seed.confidentialApp();
        assertTrue(app.owners().contains(seed.user().objectId()), "the seeded user owns the confidential app");
        Map<String, Object> credential = Map.of("passwordCredential",
                Map.of("displayName", "EAC-EXP-21-MAY-27", "endDateTime", "2027-05-21T00:00:00Z"));

        HttpResponse<String> added = graph("POST", "/applications/" + app.objectId() + "/addPassword", token, credential);

        assertEquals(200, added.statusCode(), added.body());
        JsonNode password = JSON.readTree(added.body());
        String secretText = password.path("secretText").asText();
        assertTrue(secretText.length() >= 16 && secretText.length() <= 64, secretText);
        assertEquals("EAC-EXP-21-MAY-27", password.path("displayName").asText());
        assertEquals(Instant.parse("2027-05-21T00:00:00Z"), Instant.parse(password.path("endDateTime").asText()));
        assertEquals(secretText.substring(0, 3), password.path("hint").asText());
        String keyId = password.path("keyId").asText();

        HttpResponse<String> later = graph("GET", "/applications(appId='" + app.clientId() + "')", token, null);
        assertEquals(200, later.statusCode(), later.body());
        JsonNode stored = StreamSupport.stream(JSON.readTree(later.body()).path("passwordCredentials").spliterator(), false)
                .filter(c -> c.path("keyId").asText().equals(keyId)).findFirst().orElseThrow(() -> new AssertionError(later.body()));
        assertTrue(stored.has("secretText") && stored.get("secretText").isNull(), stored.toString());
        assertEquals(secretText.substring(0, 3), stored.path("hint").asText());
        assertFalse(later.body().contains(secretText), "the secret text is never shown again");

        String withNewSecret = appOnlyToken(app.clientId(), secretText);
        assertEquals(List.of("Application.Read.All"), SignedJWT.parse(withNewSecret).getJWTClaimsSet().getStringListClaim("roles"));
    }

    @Test
    void applicationReadWriteOwnedByAddsPasswordsOnlyToAppsTheCallingAppOwns() throws Exception {
        Tenant tenant = seed.tenant();
        Application manager = tenant.addApplication("entra-auth owner automation")
                .grantApplicationPermission(Scopes.GRAPH.identifier(), "Application.ReadWrite.OwnedBy");
        ClientSecret managerSecret = manager.addSecret("automation", Duration.ofDays(1));
        Application owned = tenant.addApplication("entra-auth owned by automation").addOwner(manager.servicePrincipalId());
        String token = appOnlyToken(manager.clientId(), managerSecret.value());
        Map<String, Object> credential = Map.of("passwordCredential", Map.of("displayName", "EAC-EXP-21-MAY-27"));

        HttpResponse<String> onOwned = graph("POST", "/applications(appId='" + owned.clientId() + "')/addPassword", token, credential);
        HttpResponse<String> onOther = graph("POST", "/applications(appId='" + seed.confidentialApp().clientId() + "')/addPassword",
                token, credential);

        assertEquals(200, onOwned.statusCode(), onOwned.body());
        Instant end = Instant.parse(JSON.readTree(onOwned.body()).path("endDateTime").asText());
        assertTrue(end.isAfter(Instant.now().plus(Duration.ofDays(729))), "the default is two years: " + end);
        assertEquals(403, onOther.statusCode(), "OwnedBy covers only owned apps: " + onOther.body());
        assertEquals("Authorization_RequestDenied", JSON.readTree(onOther.body()).path("error").path("code").asText());
    }

    @Test
    void addPasswordWithOnlyApplicationReadAllIsDenied() throws Exception {
        String token = appOnlyToken(seed.confidentialApp().clientId(), seed.clientSecret().value());
        int secretsBefore = seed.confidentialApp().secrets().size();

        HttpResponse<String> response = graph("POST", "/applications/" + seed.confidentialApp().objectId() + "/addPassword", token,
                Map.of("passwordCredential", Map.of("displayName", "EAC-EXP-21-MAY-27")));

        assertEquals(403, response.statusCode(), response.body());
        assertEquals("Authorization_RequestDenied", JSON.readTree(response.body()).path("error").path("code").asText());
        assertEquals(secretsBefore, seed.confidentialApp().secrets().size(), "nothing was added");
    }

    @Test
    void noTokenOrATamperedTokenIs401InvalidAuthenticationToken() throws Exception {
        String token = appOnlyToken(seed.confidentialApp().clientId(), seed.clientSecret().value());
        String[] parts = token.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8)
                .replace("\"Application.Read.All\"", "\"Application.ReadWrite.All\"");
        String tampered = parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        HttpResponse<String> none = graph("GET", "/applications", null, null);
        HttpResponse<String> forged = graph("GET", "/applications", tampered, null);
        HttpResponse<String> genuine = graph("GET", "/applications", token, null);

        for (HttpResponse<String> response : List.of(none, forged)) {
            assertEquals(401, response.statusCode(), response.body());
            assertEquals("InvalidAuthenticationToken", JSON.readTree(response.body()).path("error").path("code").asText());
        }
        assertEquals(200, genuine.statusCode(), genuine.body());
    }

    @Test
    void graphsServicePrincipalListsItsDelegatedScopesAndAppRoles() throws Exception {
        String token = appOnlyToken(seed.confidentialApp().clientId(), seed.clientSecret().value());

        HttpResponse<String> response = graph("GET", "/servicePrincipals(appId='" + GRAPH_APP_ID + "')", token, null);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode sp = JSON.readTree(response.body());
        assertEquals(GRAPH_APP_ID, sp.path("appId").asText());
        List<String> scopes = values(sp.path("oauth2PermissionScopes"));
        List<String> roles = values(sp.path("appRoles"));
        assertTrue(scopes.containsAll(List.of("User.Read", "Application.ReadWrite.All")), scopes.toString());
        assertTrue(roles.containsAll(List.of("Application.Read.All", "Application.ReadWrite.OwnedBy")), roles.toString());
        for (JsonNode scope : sp.path("oauth2PermissionScopes")) {
            assertFalse(scope.path("id").asText().isEmpty(), scope.toString());
            assertEquals("User", scope.path("type").asText(), scope.toString());
        }
        for (JsonNode role : sp.path("appRoles")) {
            assertEquals("[\"Application\"]", role.path("allowedMemberTypes").toString(), role.toString());
        }
    }

    @Test
    void aGraphTokenCarriesAHeaderNonceSoItsSignatureDoesNotVerifyAsIsYetGraphAcceptsIt() throws Exception {
        String token = appOnlyToken(seed.confidentialApp().clientId(), seed.clientSecret().value());
        SignedJWT jwt = SignedJWT.parse(token);
        HttpResponse<String> keys = http.send(HttpRequest.newBuilder(URI.create(entra.authority() + "/discovery/v2.0/keys")).build(),
                HttpResponse.BodyHandlers.ofString());
        RSAKey key = JWKSet.parse(keys.body()).getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey();
        Object nonce = jwt.getHeader().getCustomParam("nonce");

        assertTrue(nonce instanceof String s && !s.isEmpty(), jwt.getHeader().toString());
        assertFalse(jwt.verify(new RSASSAVerifier(key)), "as real Graph tokens, it does not verify as-is");
        // What Graph does: the signed header held the SHA-256 of the nonce shown.
        Map<String, Object> header = new LinkedHashMap<>(jwt.getHeader().toJSONObject());
        header.put("nonce", Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(nonce.toString().getBytes(StandardCharsets.UTF_8)))
                .toString());
        Base64URL[] parts = jwt.getParsedParts();
        SignedJWT asSigned = new SignedJWT(JWSHeader.parse(header).toBase64URL(), parts[1], parts[2]);
        assertTrue(asSigned.verify(new RSASSAVerifier(key)), "with the hashed nonce it verifies");
        assertEquals(200, graph("GET", "/servicePrincipals(appId='" + GRAPH_APP_ID + "')", token, null).statusCode());
    }

    @Test
    void aTokenForAnotherResourceIsNotAcceptedByGraph() throws Exception {
        HttpResponse<String> own = post(entra.tokenEndpoint(), Map.of("grant_type", "client_credentials",
                "client_id", seed.confidentialApp().clientId(), "client_secret", seed.clientSecret().value(),
                "scope", seed.confidentialApp().identifierUri() + "/.default"));
        assertEquals(200, own.statusCode(), own.body());
        String token = JSON.readTree(own.body()).path("access_token").asText();
        assertEquals(List.of("Data.Read"), SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles"));

        HttpResponse<String> response = graph("GET", "/applications", token, null);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("InvalidAuthenticationToken", JSON.readTree(response.body()).path("error").path("code").asText());
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private String appOnlyToken(String clientId, String secret) throws Exception {
        HttpResponse<String> response = post(entra.tokenEndpoint(), Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret, "scope", "https://graph.microsoft.com/.default"));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    /** The device code flow as a public client runs it, with the seeded user approving through the control API. */
    private String deviceCodeToken(String clientId, String scope) throws Exception {
        HttpResponse<String> started = post(entra.authority() + "/oauth2/v2.0/devicecode", Map.of("client_id", clientId, "scope", scope));
        assertEquals(200, started.statusCode(), started.body());
        String deviceCode = JSON.readTree(started.body()).path("device_code").asText();
        Map<String, String> poll = Map.of("grant_type", TokenEndpoint.DEVICE_GRANT, "client_id", clientId, "device_code", deviceCode);

        HttpResponse<String> pending = post(entra.tokenEndpoint(), poll);
        assertEquals(400, pending.statusCode(), pending.body());
        assertEquals("authorization_pending", JSON.readTree(pending.body()).path("error").asText());
        assertEquals(1, entra.approveDeviceCodes());
        HttpResponse<String> approved = post(entra.tokenEndpoint(), poll);
        assertEquals(200, approved.statusCode(), approved.body());
        String token = JSON.readTree(approved.body()).path("access_token").asText();
        assertEquals(seed.user().objectId(), SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("oid"));
        return token;
    }

    private HttpResponse<String> graph(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(entra.graphBaseUrl() + "/v1.0" + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        List<String> pairs = new ArrayList<>();
        form.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> values(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path("value").asText()).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
