package dev.entraauth.testkit;

import static dev.entraauth.testkit.RawHttp.assertEntraError;
import static dev.entraauth.testkit.RawHttp.assertErrorShape;
import static dev.entraauth.testkit.RawHttp.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error a client must handle comes back as Entra sends it (reference-error-codes): the OAuth {@code error},
 * an {@code error_description} that starts with {@code AADSTS<code>:} and carries the trace id, correlation id and
 * timestamp, {@code error_codes}, {@code timestamp}, {@code trace_id} and {@code correlation_id}. Raw HTTP, as a
 * script or a hand-written client would see it.
 */
class EntraErrorsTest {
    private static final String GRAPH_DEFAULT = "https://graph.microsoft.com/.default";
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

    // ---- client authentication ------------------------------------------------------------------------

    @Test
    void anUnknownClientIdIsAadsts700016() throws Exception {
        HttpResponse<String> response = http.token(form("grant_type", "client_credentials", "client_id", UUID.randomUUID().toString(),
                "client_secret", "whatever", "scope", GRAPH_DEFAULT));

        assertEntraError(response, 400, "unauthorized_client", 700016);
    }

    @Test
    void aWrongClientSecretIsAadsts7000215() throws Exception {
        HttpResponse<String> response = http.clientCredentialsWithSecret("not-the-secret");

        assertEntraError(response, 401, "invalid_client", 7000215);
    }

    @Test
    void anExpiredClientSecretIsAadsts7000222() throws Exception {
        ClientSecret old = entra.seed().confidentialApp().addSecret("old", Duration.ofDays(-1));

        HttpResponse<String> response = http.clientCredentialsWithSecret(old.value());

        assertEntraError(response, 401, "invalid_client", 7000222);
    }

    @Test
    void anUnknownTenantInThePathIsAadsts90002() throws Exception {
        HttpResponse<String> response = http.postForm(entra.baseUrl() + "/" + UUID.randomUUID() + "/oauth2/v2.0/token",
                form("grant_type", "client_credentials", "client_id", entra.seed().confidentialApp().clientId(),
                        "client_secret", entra.seed().clientSecret().value(), "scope", GRAPH_DEFAULT));

        assertEntraError(response, 400, "invalid_request", 90002);
    }

    @Test
    void theCorrelationIdIsTheClientRequestIdTheClientSent() throws Exception {
        String requestId = UUID.randomUUID().toString();
        HttpResponse<String> response = entra.httpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(entra.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("client-request-id", requestId)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(RawHttp.encode(form("grant_type", "client_credentials",
                        "client_id", entra.seed().confidentialApp().clientId(), "client_secret", "wrong", "scope", GRAPH_DEFAULT))))
                .build(), HttpResponse.BodyHandlers.ofString());

        JsonNode body = assertEntraError(response, 401, "invalid_client", 7000215);
        assertEquals(requestId, body.path("correlation_id").asText());
    }

    // ---- scopes --------------------------------------------------------------------------------------

    @Test
    void anUnknownScopeIsAadsts70011() throws Exception {
        HttpResponse<String> response = http.postForm(entra.authority() + "/oauth2/v2.0/devicecode",
                form("client_id", entra.seed().publicApp().clientId(), "scope", "Mail.Teleport openid"));

        assertEntraError(response, 400, "invalid_scope", 70011);
    }

    @Test
    void clientCredentialsWithoutDefaultScopeIsAadsts1002012() throws Exception {
        HttpResponse<String> response = http.token(form("grant_type", "client_credentials", "client_id", entra.seed().confidentialApp().clientId(),
                "client_secret", entra.seed().clientSecret().value(), "scope", "https://graph.microsoft.com/User.Read"));

        assertEntraError(response, 400, "invalid_scope", 1002012);
    }

    @Test
    void aRefreshForAScopeTheUserNeverConsentedIsAadsts65001() throws Exception {
        String refreshToken = http.signInWithAuthorizationCode(USER_SCOPE).path("refresh_token").asText();

        HttpResponse<String> response = refresh(refreshToken, "https://graph.microsoft.com/Application.ReadWrite.All offline_access");

        JsonNode body = assertEntraError(response, 400, "invalid_grant", 65001);
        assertEquals("consent_required", body.path("suberror").asText());
    }

    // ---- refresh tokens ------------------------------------------------------------------------------

    @Test
    void aRefreshForAUserWhoNowNeedsMfaIsAadsts50076() throws Exception {
        String refreshToken = http.signInWithAuthorizationCode(USER_SCOPE).path("refresh_token").asText();
        entra.seed().user().requireMfa(true);

        HttpResponse<String> response = refresh(refreshToken, USER_SCOPE);

        JsonNode body = assertEntraError(response, 400, "invalid_grant", 50076);
        assertEquals("basic_action", body.path("suberror").asText());
    }

    @Test
    void aRefreshTokenExpiredByInactivityIsAadsts700082() throws Exception {
        String refreshToken = http.signInWithAuthorizationCode(USER_SCOPE).path("refresh_token").asText();
        entra.expireRefreshTokens();

        HttpResponse<String> response = refresh(refreshToken, USER_SCOPE);

        assertEntraError(response, 400, "invalid_grant", 700082);
    }

    @Test
    void aRefreshTokenIssuedBeforeAPasswordChangeIsAadsts50173() throws Exception {
        String refreshToken = http.signInWithAuthorizationCode(USER_SCOPE).path("refresh_token").asText();
        entra.seed().user().changePassword("Another-Passw0rd!");

        HttpResponse<String> response = refresh(refreshToken, USER_SCOPE);

        assertEntraError(response, 400, "invalid_grant", 50173);
    }

    // ---- authorization code --------------------------------------------------------------------------

    @Test
    void anUnregisteredRedirectUriShowsAadsts50011OnTheSignInPage() throws Exception {
        HttpResponse<String> response = http.get(http.authorizeUrl(entra.seed().publicApp().clientId(), "https://evil.example.com/callback",
                USER_SCOPE, RawHttp.challenge(RawHttp.verifier())));

        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), response.headers().toString());
        assertTrue(response.body().contains("AADSTS50011:"), response.body());
        assertTrue(response.headers().firstValue("Location").isEmpty(), "never redirects to an unregistered URI");
    }

    @Test
    void redeemingACodeTwiceIsAadsts54005() throws Exception {
        String verifier = RawHttp.verifier();
        String redirect = "http://localhost:50200/";
        String code = http.authorize(entra.seed().publicApp().clientId(), redirect, USER_SCOPE, RawHttp.challenge(verifier));
        Map<String, String> redeem = form("grant_type", "authorization_code", "client_id", entra.seed().publicApp().clientId(),
                "code", code, "redirect_uri", redirect, "code_verifier", verifier, "scope", USER_SCOPE);
        assertEquals(200, http.token(redeem).statusCode());

        HttpResponse<String> response = http.token(redeem);

        assertEntraError(response, 400, "invalid_grant", 54005);
    }

    @Test
    void aCodeVerifierThatDoesNotMatchTheChallengeIsAadsts501481() throws Exception {
        String redirect = "http://localhost:50200/";
        String code = http.authorize(entra.seed().publicApp().clientId(), redirect, USER_SCOPE, RawHttp.challenge(RawHttp.verifier()));

        HttpResponse<String> response = http.token(form("grant_type", "authorization_code", "client_id", entra.seed().publicApp().clientId(),
                "code", code, "redirect_uri", redirect, "code_verifier", RawHttp.verifier(), "scope", USER_SCOPE));

        assertEntraError(response, 400, "invalid_grant", 501481);
    }

    // ---- device code ---------------------------------------------------------------------------------

    @Test
    void pollingBeforeTheUserActsIsAuthorizationPending() throws Exception {
        String deviceCode = deviceCode();

        HttpResponse<String> response = poll(deviceCode);

        assertEntraError(response, 400, "authorization_pending", 70016);
    }

    @Test
    void aPollTheEmulatorIsToldToSlowDownIsSlowDownAndTheNextIsPendingAgain() throws Exception {
        String deviceCode = deviceCode();
        entra.slowDownDevicePolls(1);

        HttpResponse<String> slowDown = poll(deviceCode);
        HttpResponse<String> next = poll(deviceCode);

        JsonNode body = assertErrorShape(slowDown, 400, "slow_down");
        assertEquals(0, body.path("error_codes").size(), "Entra documents no AADSTS code for slow_down");
        assertEntraError(next, 400, "authorization_pending", 70016);
    }

    @Test
    void aCodeTheUserDeclinedIsAuthorizationDeclined() throws Exception {
        String deviceCode = deviceCode();
        assertEquals(1, entra.declineDeviceCodes());

        HttpResponse<String> response = poll(deviceCode);

        assertEntraError(response, 400, "authorization_declined", 70000);
    }

    @Test
    void aDeviceCodePastItsLifetimeIsExpiredTokenAadsts70020() throws Exception {
        entra.deviceCodeTiming(Duration.ofSeconds(1), 1);
        String deviceCode = deviceCode();
        Thread.sleep(1_500); // the protocol wait under test: the code's 1 s lifetime must pass

        HttpResponse<String> response = poll(deviceCode);

        assertEntraError(response, 400, "expired_token", 70020);
    }

    @Test
    void aDeviceCodeAnswerLeavesIntervalOutWhenTheTimingSaysZero() throws Exception {
        entra.deviceCodeTiming(Duration.ofMinutes(1), 0);

        HttpResponse<String> response = http.postForm(entra.authority() + "/oauth2/v2.0/devicecode",
                form("client_id", entra.seed().publicApp().clientId(), "scope", USER_SCOPE));

        JsonNode body = RawHttp.json(response);
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(body.has("interval"), response.body());
        assertEquals(60, body.path("expires_in").asInt());
    }

    @Test
    void scriptedPollAnswersComeInOrderAndATerminalOneEndsTheCode() throws Exception {
        String deviceCode = deviceCode();
        entra.answerDevicePolls("authorization_pending", "access_denied");
        entra.approveDeviceCodes();

        HttpResponse<String> pending = poll(deviceCode);
        HttpResponse<String> denied = poll(deviceCode);
        HttpResponse<String> after = poll(deviceCode);

        assertEntraError(pending, 400, "authorization_pending", 70016);
        assertErrorShape(denied, 400, "access_denied");
        assertErrorShape(after, 400, "bad_verification_code");
    }

    @Test
    void aScriptedUnknownErrorIsAnsweredAsGivenAndKeepsTheCode() throws Exception {
        String deviceCode = deviceCode();
        entra.answerDevicePolls("no_such_error");
        entra.approveDeviceCodes();

        HttpResponse<String> unknown = poll(deviceCode);
        HttpResponse<String> tokens = poll(deviceCode);

        assertErrorShape(unknown, 400, "no_such_error");
        assertEquals(200, tokens.statusCode(), tokens.body());
    }

    @Test
    void aDeviceCodeTheEmulatorNeverIssuedIsBadVerificationCode() throws Exception {
        HttpResponse<String> response = poll("DAQABAAEAAA-not-a-device-code");

        assertEntraError(response, 400, "bad_verification_code", 70018);
    }

    @Test
    void issuedDeviceCodesListsEveryCodeForLeakTestsEvenAfterItIsUsed() throws Exception {
        String first = deviceCode();
        String second = deviceCode();
        entra.approveDeviceCodes();
        poll(first);

        assertEquals(List.of(first, second), entra.issuedDeviceCodes());
    }

    @Test
    void anApprovedDeviceCodeGetsTokens() throws Exception {
        String deviceCode = deviceCode();
        assertEquals(1, entra.approveDeviceCodes());

        HttpResponse<String> tokens = poll(deviceCode);

        assertEquals(200, tokens.statusCode(), tokens.body());
        assertTrue(RawHttp.json(tokens).hasNonNull("refresh_token"));
    }

    // ---- client assertions ---------------------------------------------------------------------------

    @Test
    void aClientAssertionWithAnExpiryInThePastIsAadsts700024() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String assertion = assertion(JWSAlgorithm.RS256, true, clientId(), entra.tokenEndpoint(), past.minus(Duration.ofMinutes(10)), past,
                UUID.randomUUID().toString());

        HttpResponse<String> response = clientCredentialsWithAssertion(assertion);

        assertEntraError(response, 401, "invalid_client", 700024);
    }

    @Test
    void aClientAssertionWithSha256ThumbprintSignedPs256IsAccepted() throws Exception {
        String assertion = assertion(JWSAlgorithm.PS256, true, clientId(), entra.tokenEndpoint(), Instant.now(),
                Instant.now().plusSeconds(600), UUID.randomUUID().toString());

        HttpResponse<String> response = clientCredentialsWithAssertion(assertion);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("2", SignedJWT.parse(RawHttp.json(response).path("access_token").asText()).getJWTClaimsSet().getStringClaim("appidacr"));
    }

    @Test
    void aClientAssertionWithSha1ThumbprintSignedRs256IsAccepted() throws Exception {
        String assertion = assertion(JWSAlgorithm.RS256, false, clientId(), entra.tokenEndpoint(), Instant.now(),
                Instant.now().plusSeconds(600), UUID.randomUUID().toString());

        HttpResponse<String> response = clientCredentialsWithAssertion(assertion);

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void aClientAssertionForAnotherAudienceIsRejected() throws Exception {
        String assertion = assertion(JWSAlgorithm.RS256, true, clientId(), "https://login.example.com/" + entra.seed().tenant().id()
                + "/oauth2/v2.0/token", Instant.now(), Instant.now().plusSeconds(600), UUID.randomUUID().toString());

        HttpResponse<String> response = clientCredentialsWithAssertion(assertion);

        assertEntraError(response, 401, "invalid_client", 700021);
    }

    @Test
    void aClientAssertionIssuedByAnotherClientIdIsRejected() throws Exception {
        String assertion = assertion(JWSAlgorithm.RS256, true, UUID.randomUUID().toString(), entra.tokenEndpoint(), Instant.now(),
                Instant.now().plusSeconds(600), UUID.randomUUID().toString());

        HttpResponse<String> response = clientCredentialsWithAssertion(assertion);

        assertEntraError(response, 401, "invalid_client", 700021);
    }

    @Test
    void aClientAssertionUsedTwiceIsRejectedTheSecondTime() throws Exception {
        String assertion = assertion(JWSAlgorithm.RS256, true, clientId(), entra.tokenEndpoint(), Instant.now(),
                Instant.now().plusSeconds(600), UUID.randomUUID().toString());
        assertEquals(200, clientCredentialsWithAssertion(assertion).statusCode());

        HttpResponse<String> replay = clientCredentialsWithAssertion(assertion);

        assertEntraError(replay, 401, "invalid_client", 700025);
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private String clientId() {
        return entra.seed().confidentialApp().clientId();
    }

    private HttpResponse<String> refresh(String refreshToken, String scope) throws Exception {
        return http.token(form("grant_type", "refresh_token", "client_id", entra.seed().publicApp().clientId(),
                "refresh_token", refreshToken, "scope", scope, "client_info", "1"));
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

    private HttpResponse<String> clientCredentialsWithAssertion(String assertion) throws Exception {
        return http.token(form("grant_type", "client_credentials", "client_id", clientId(),
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion,
                "scope", GRAPH_DEFAULT));
    }

    /** A client assertion (certificate-credentials) signed with the seeded certificate's key. */
    @SuppressWarnings("deprecation") // x5t (SHA-1) is deprecated in JOSE, and still accepted by Entra
    private String assertion(JWSAlgorithm algorithm, boolean sha256Thumbprint, String issuer, String audience, Instant notBefore,
                             Instant expires, String jti) throws Exception {
        X509Certificate certificate = entra.seed().certificate();
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT);
        if (sha256Thumbprint) {
            header.x509CertSHA256Thumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
        } else {
            header.x509CertThumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded())));
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(clientId()).audience(audience)
                .notBeforeTime(Date.from(notBefore)).issueTime(Date.from(notBefore)).expirationTime(Date.from(expires)).jwtID(jti).build();
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new RSASSASigner(entra.seed().privateKey()));
        return jwt.serialize();
    }
}
