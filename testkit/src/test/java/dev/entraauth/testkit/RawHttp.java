package dev.entraauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a script does with curl, in Java: form POSTs, JSON, the authorize redirect, and Entra's error shape. */
final class RawHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntraEmulator entra;
    private final HttpClient client;
    /** Never follows redirects, so the authorize endpoint's Location can be read. */
    private final HttpClient noRedirects;

    RawHttp(EntraEmulator entra) {
        this.entra = entra;
        this.client = entra.httpClient();
        this.noRedirects = HttpClient.newBuilder().sslContext(entra.clientSslContext())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> postForm(String url, Map<String, String> form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String url, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return noRedirects.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> token(Map<String, String> form) throws IOException, InterruptedException {
        return postForm(entra.tokenEndpoint(), form);
    }

    HttpResponse<String> clientCredentialsWithSecret(String secret) throws IOException, InterruptedException {
        return token(form("grant_type", "client_credentials", "client_id", entra.seed().confidentialApp().clientId(),
                "client_secret", secret, "scope", "https://graph.microsoft.com/.default"));
    }

    /** A user's tokens as a public client gets them: authorize (auto-approved) with PKCE, then redeem the code. */
    JsonNode signInWithAuthorizationCode(String scope) throws IOException, InterruptedException {
        String verifier = verifier();
        String redirect = "http://localhost:50123/";
        String code = authorize(entra.seed().publicApp().clientId(), redirect, scope, challenge(verifier));
        HttpResponse<String> response = token(form("grant_type", "authorization_code",
                "client_id", entra.seed().publicApp().clientId(), "code", code, "redirect_uri", redirect,
                "code_verifier", verifier, "scope", scope, "client_info", "1"));
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /** Signs the seeded user in through the authorize endpoint with auto-approve, and returns the code from the redirect. */
    String authorize(String clientId, String redirect, String scope, String challenge) throws IOException, InterruptedException {
        entra.autoApprove(true);
        HttpResponse<String> response = get(authorizeUrl(clientId, redirect, scope, challenge));
        assertEquals(302, response.statusCode(), response.body());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(redirect + "?"), location);
        String code = query(URI.create(location)).get("code");
        assertNotNull(code, location);
        return code;
    }

    String authorizeUrl(String clientId, String redirect, String scope, String challenge) {
        return entra.authority() + "/oauth2/v2.0/authorize?" + encode(form("client_id", clientId, "response_type", "code",
                "redirect_uri", redirect, "scope", scope, "state", "s-" + RANDOM.nextInt(1000),
                "code_challenge", challenge, "code_challenge_method", "S256"));
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts Entra's error shape (reference-error-codes): {@code error}; {@code error_description} starting with
     * {@code AADSTS<code>:} and carrying the trace id, correlation id and timestamp; {@code error_codes [code]};
     * {@code timestamp}, {@code trace_id}, {@code correlation_id}.
     *
     * @return the error body
     */
    static JsonNode assertEntraError(HttpResponse<String> response, int status, String error, int code) throws IOException {
        JsonNode body = assertErrorShape(response, status, error);
        String description = body.path("error_description").asText();
        assertTrue(description.startsWith("AADSTS" + code + ":"), description);
        assertEquals(1, body.path("error_codes").size(), body.toString());
        assertEquals(code, body.path("error_codes").get(0).asInt(), body.toString());
        return body;
    }

    /** Entra's error shape without a particular AADSTS code. */
    static JsonNode assertErrorShape(HttpResponse<String> response, int status, String error) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
        JsonNode body = json(response);
        assertEquals(error, body.path("error").asText(), body.toString());
        String description = body.path("error_description").asText();
        assertTrue(description.contains("Trace ID: " + body.path("trace_id").asText()), description);
        assertTrue(description.contains("Correlation ID: " + body.path("correlation_id").asText()), description);
        assertTrue(description.contains("Timestamp: " + body.path("timestamp").asText()), description);
        assertTrue(body.path("trace_id").asText().matches("[0-9a-f-]{36}"), body.toString());
        assertTrue(body.path("correlation_id").asText().matches("[0-9a-f-]{36}"), body.toString());
        assertTrue(body.path("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ"), body.toString());
        assertTrue(body.path("error_codes").isArray(), body.toString());
        return body;
    }
}
