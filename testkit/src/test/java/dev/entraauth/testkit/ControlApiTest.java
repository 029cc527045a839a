package dev.entraauth.testkit;

import static dev.entraauth.testkit.RawHttp.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control API over HTTP, as a shell script drives it: auto-approve, device approve/decline, faults, the request log. */
class ControlApiTest {
    private static final String USER_SCOPE = "User.Read openid profile offline_access";

    private EntraEmulator entra;
    private RawHttp http;

    @BeforeEach
    void startEmulator() {
        entra = EntraEmulator.start();
        http = new RawHttp(entra);
    }

    @AfterEach
    void emulatorHadNoBugs() {
        try {
            assertEquals(List.of(), entra.bugs());
        } finally {
            entra.close();
        }
    }

    // ---- the user's side -----------------------------------------------------------------------------

    @Test
    void autoApproveTurnsTheSignInPageIntoAnImmediateRedirectAndBack() throws Exception {
        String url = http.authorizeUrl(entra.seed().publicApp().clientId(), "http://localhost:50300/", USER_SCOPE,
                RawHttp.challenge(RawHttp.verifier()));

        HttpResponse<String> on = control("/_emulator/auto-approve?enabled=true");
        HttpResponse<String> redirected = http.get(url);
        HttpResponse<String> off = control("/_emulator/auto-approve?enabled=false");
        HttpResponse<String> signInPage = http.get(url);

        assertEquals(200, on.statusCode(), on.body());
        assertEquals(302, redirected.statusCode());
        assertTrue(redirected.headers().firstValue("Location").orElseThrow().startsWith("http://localhost:50300/?code="));
        assertEquals(200, off.statusCode(), off.body());
        assertEquals(200, signInPage.statusCode());
        assertTrue(signInPage.body().contains("id=signin"), signInPage.body());
    }

    @Test
    void autoApproveRefusesAnythingButTrueOrFalse() throws Exception {
        HttpResponse<String> response = control("/_emulator/auto-approve?enabled=yes");

        assertEquals(400, response.statusCode());
    }

    @Test
    void aDeviceCodeApprovedThroughTheControlApiGetsTokens() throws Exception {
        String deviceCode = deviceCode();

        HttpResponse<String> approve = control("/_emulator/device/approve");
        HttpResponse<String> tokens = poll(deviceCode);

        assertEquals(1, RawHttp.json(approve).path("approved").asInt(), approve.body());
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertTrue(RawHttp.json(tokens).hasNonNull("access_token"));
    }

    @Test
    void aDeviceCodeDeclinedThroughTheControlApiIsAuthorizationDeclined() throws Exception {
        String deviceCode = deviceCode();

        HttpResponse<String> decline = control("/_emulator/device/decline");
        HttpResponse<String> poll = poll(deviceCode);

        assertEquals(1, RawHttp.json(decline).path("declined").asInt(), decline.body());
        assertEquals("authorization_declined", RawHttp.json(poll).path("error").asText(), poll.body());
    }

    // ---- faults --------------------------------------------------------------------------------------

    @Test
    void a429FaultAnswersTheNextTokenRequestWithRetryAfterAndTheOneAfterSucceeds() throws Exception {
        HttpResponse<String> added = http.postJson(entra.baseUrl() + "/_emulator/faults", "{\"status\":429,\"retryAfter\":2,\"count\":1}");

        HttpResponse<String> throttled = clientCredentials();
        HttpResponse<String> next = clientCredentials();

        assertEquals(200, added.statusCode(), added.body());
        assertEquals(429, throttled.statusCode());
        assertEquals("2", throttled.headers().firstValue("Retry-After").orElse(null));
        assertEquals("temporarily_unavailable", RawHttp.json(throttled).path("error").asText());
        assertEquals(200, next.statusCode(), next.body());
    }

    @Test
    void a503FaultWithCountTwoFailsTwoRequestsThenLetsThemThrough() throws Exception {
        http.postJson(entra.baseUrl() + "/_emulator/faults", "{\"status\":503,\"count\":2}");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(clientCredentials().statusCode());
        }

        assertEquals(List.of(503, 503, 200), statuses);
    }

    @Test
    void aFaultWithSkipLetsThatManyMatchingRequestsThroughFirst() throws Exception {
        http.postJson(entra.baseUrl() + "/_emulator/faults", "{\"status\":503,\"count\":1,\"skip\":2}");

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(clientCredentials().statusCode());
        }

        assertEquals(List.of(200, 200, 503, 200), statuses);
    }

    @Test
    void aSkippingFaultCountsOnlyRequestsOnItsPath() throws Exception {
        String deviceCode = deviceCode();
        entra.addFault(Fault.status(503, 0, 1).onPath("/" + entra.seed().tenant().id() + "/oauth2/v2.0/token").skipping(1));

        int first = poll(deviceCode).statusCode();
        int discovery = http.get(entra.authority() + "/v2.0/.well-known/openid-configuration").statusCode();
        int second = poll(deviceCode).statusCode();
        int third = poll(deviceCode).statusCode();

        assertEquals(List.of(400, 200, 503, 400), List.of(first, discovery, second, third));
    }

    @Test
    void devicePollAnswersAreScriptedInOrderThroughTheControlApi() throws Exception {
        String deviceCode = deviceCode();
        HttpResponse<String> queued = http.postJson(entra.baseUrl() + "/_emulator/device/answers",
                "{\"errors\":[\"slow_down\",\"authorization_pending\",\"bad_verification_code\"]}");
        entra.approveDeviceCodes();

        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            errors.add(RawHttp.json(poll(deviceCode)).path("error").asText());
        }

        assertEquals(200, queued.statusCode(), queued.body());
        assertEquals(List.of("slow_down", "authorization_pending", "bad_verification_code", "bad_verification_code"), errors,
                "the scripted answers come first, in order, even for an approved code; bad_verification_code ends the code");
    }

    @Test
    void aLoopDetectedFaultAnswersAadsts50196InEntrasShapeWithTheGivenStatus() throws Exception {
        HttpResponse<String> added = http.postJson(entra.baseUrl() + "/_emulator/faults", "{\"status\":503,\"errorCode\":50196}");
        entra.addFault(Fault.loopDetected(429, 1));

        HttpResponse<String> overHttp = clientCredentials();
        HttpResponse<String> fromJava = clientCredentials();

        assertEquals(200, added.statusCode(), added.body());
        assertEquals(503, overHttp.statusCode());
        assertEquals(429, fromJava.statusCode());
        for (HttpResponse<String> answer : List.of(overHttp, fromJava)) {
            JsonNode body = RawHttp.json(answer);
            assertEquals("[50196]", body.path("error_codes").toString(), answer.body());
            assertTrue(body.path("error_description").asText().startsWith("AADSTS50196: The server terminated an operation"
                    + " because it encountered a client request loop."), answer.body());
            assertFalse(body.path("trace_id").asText().isEmpty(), answer.body());
        }
        assertEquals("server_error", RawHttp.json(overHttp).path("error").asText());
        assertEquals("temporarily_unavailable", RawHttp.json(fromJava).path("error").asText());
        assertEquals(200, clientCredentials().statusCode(), "each fault answered one request");
    }

    @Test
    void aDelayFaultHoldsTheAnswerForTheGivenTime() throws Exception {
        http.postJson(entra.baseUrl() + "/_emulator/faults", "{\"delayMs\":1500}");

        Instant start = Instant.now();
        HttpResponse<String> response = clientCredentials();
        Duration took = Duration.between(start, Instant.now());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(took.toMillis() >= 1_500, "answered after " + took.toMillis() + " ms");
    }

    @Test
    void aDropFaultClosesTheConnectionWithoutAnHttpResponse() throws Exception {
        http.postJson(entra.baseUrl() + "/_emulator/faults", "{\"drop\":true}");
        HttpClient fresh = entra.httpClient();

        IOException e = assertThrows(IOException.class, () -> fresh.send(HttpRequest.newBuilder(URI.create(entra.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(RawHttp.encode(clientCredentialsForm()))).build(),
                HttpResponse.BodyHandlers.ofString()));

        assertFalse(e instanceof java.net.http.HttpTimeoutException, "the connection closed; it did not hang: " + e);
        assertEquals(200, clientCredentials().statusCode(), "only one request is dropped");
    }

    // ---- the request log -----------------------------------------------------------------------------

    @Test
    void theRequestLogListsWhatCameInAndNeverASecretAssertionOrCode() throws Exception {
        String canary = "CANARY-secret-" + java.util.UUID.randomUUID();
        entra.seed().confidentialApp().addSecret("canary", canary, Instant.now().plus(Duration.ofDays(1)));
        HttpResponse<String> withCanary = http.clientCredentialsWithSecret(canary);
        String verifier = RawHttp.verifier();
        String redirect = "http://localhost:50300/";
        String code = http.authorize(entra.seed().publicApp().clientId(), redirect, USER_SCOPE, RawHttp.challenge(verifier));
        HttpResponse<String> redeemed = http.token(form("grant_type", "authorization_code", "client_id", entra.seed().publicApp().clientId(),
                "code", code, "redirect_uri", redirect, "code_verifier", verifier, "scope", USER_SCOPE));
        String refreshToken = RawHttp.json(redeemed).path("refresh_token").asText();
        http.token(form("grant_type", "refresh_token", "client_id", entra.seed().publicApp().clientId(), "refresh_token", refreshToken,
                "scope", USER_SCOPE));
        assertEquals(200, withCanary.statusCode(), withCanary.body());
        control("/_emulator/auto-approve?enabled=false");

        HttpResponse<String> log = http.get(entra.baseUrl() + "/_emulator/requests");

        assertEquals(200, log.statusCode());
        JsonNode entries = RawHttp.json(log);
        assertEquals(4, entries.size(), log.body());
        JsonNode first = entries.get(0);
        assertEquals("POST", first.path("method").asText());
        assertEquals("/" + entra.seed().tenant().id() + "/oauth2/v2.0/token", first.path("path").asText());
        assertEquals("client_credentials", first.path("grant_type").asText());
        assertEquals(entra.seed().confidentialApp().clientId(), first.path("client_id").asText());
        assertEquals("GET", entries.get(1).path("method").asText());
        assertEquals("authorization_code", entries.get(2).path("grant_type").asText());
        assertEquals("refresh_token", entries.get(3).path("grant_type").asText());
        for (String secret : List.of(canary, code, verifier, refreshToken, RawHttp.json(redeemed).path("access_token").asText())) {
            assertFalse(log.body().contains(secret), "the log must not contain " + secret);
        }
        entries.forEach(e -> assertFalse(e.path("path").asText().startsWith("/_emulator/"), "control requests are not recorded: " + e));
    }

    @Test
    void theRequestLogNeverContainsAClientAssertion() throws Exception {
        EntraEmulator.Seed seed = entra.seed();
        com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
                new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).x509CertSHA256Thumbprint(
                        com.nimbusds.jose.util.Base64URL.encode(java.security.MessageDigest.getInstance("SHA-256").digest(seed.certificate().getEncoded())))
                        .build(),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(seed.confidentialApp().clientId()).subject(seed.confidentialApp().clientId())
                        .audience(entra.tokenEndpoint()).jwtID(java.util.UUID.randomUUID().toString())
                        .expirationTime(java.util.Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(seed.privateKey()));
        String assertion = jwt.serialize();
        HttpResponse<String> response = http.token(form("grant_type", "client_credentials", "client_id", seed.confidentialApp().clientId(),
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion,
                "scope", "https://graph.microsoft.com/.default"));
        assertEquals(200, response.statusCode(), response.body());

        HttpResponse<String> log = http.get(entra.baseUrl() + "/_emulator/requests");

        assertEquals(1, RawHttp.json(log).size(), log.body());
        assertFalse(log.body().contains(assertion));
        assertFalse(log.body().contains(jwt.getSignature().toString()));
    }

    @Test
    void controlRequestsAreNeitherRecordedNorFaulted() throws Exception {
        http.postJson(entra.baseUrl() + "/_emulator/faults", "{\"status\":500,\"count\":1}");

        HttpResponse<String> control = control("/_emulator/auto-approve?enabled=true");
        HttpResponse<String> log = http.get(entra.baseUrl() + "/_emulator/requests");

        assertEquals(200, control.statusCode(), "the fault is kept for the next non-control request");
        assertEquals("[]", log.body().replace(" ", ""));
        assertEquals(500, clientCredentials().statusCode());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private HttpResponse<String> control(String pathAndQuery) throws Exception {
        return http.post(entra.baseUrl() + pathAndQuery);
    }

    private java.util.Map<String, String> clientCredentialsForm() {
        return form("grant_type", "client_credentials", "client_id", entra.seed().confidentialApp().clientId(),
                "client_secret", entra.seed().clientSecret().value(), "scope", "https://graph.microsoft.com/.default");
    }

    private HttpResponse<String> clientCredentials() throws Exception {
        return http.token(clientCredentialsForm());
    }

    private String deviceCode() throws Exception {
        HttpResponse<String> response = http.postForm(entra.authority() + "/oauth2/v2.0/devicecode",
                form("client_id", entra.seed().publicApp().clientId(), "scope", USER_SCOPE));
        assertEquals(200, response.statusCode(), response.body());
        return RawHttp.json(response).path("device_code").asText();
    }

    private HttpResponse<String> poll(String deviceCode) throws Exception {
        return http.token(form("grant_type", "urn:ietf:params:oauth:grant-type:device_code", "client_id", entra.seed().publicApp().clientId(),
                "device_code", deviceCode));
    }
}
