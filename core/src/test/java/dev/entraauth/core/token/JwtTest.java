package dev.entraauth.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.testkit.MalformedTokens;
import dev.entraauth.testkit.PublishedTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding the tokens Microsoft and RFC 7515 publish, and refusing what is not a signed JWT (BI1). */
class JwtTest {

    @Test
    void microsoftsV1AccessTokenDecodesWithItsHeaderClaimsInOrderAndIsDelegated() throws Exception {
        Jwt jwt = Jwt.decode(PublishedTokens.V1_ACCESS_TOKEN);

        assertEquals(List.of("typ", "alg", "x5t", "kid"), List.copyOf(jwt.header().keySet()));
        assertEquals("RS256", jwt.algorithm());
        assertEquals("i6lGk3FZzxRcUb2C3nEQ7syHJlY", jwt.header().get("kid"));
        assertEquals("aud", jwt.claims().keySet().iterator().next(), "claims keep the token's order");
        assertEquals(List.of("wia"), jwt.claims().get("amr"));
        TokenSummary facts = TokenSummary.of(jwt);
        assertEquals(TokenSummary.Kind.Delegated, facts.kind());
        assertEquals("1.0", facts.version());
        assertEquals(List.of("ef1da9d4-ff77-4c3e-a005-840c3f830745"), facts.audiences());
        assertEquals("fa15d692-e9c7-4460-a743-29f2956fd429", facts.tenantId());
        assertEquals("02223b6b-aa1d-42d4-9ec0-1b2bb9194438", facts.objectId());
        assertEquals("abeli@microsoft.com", facts.user(), "unique_name, as the token has no upn");
        assertEquals("75dbe77f-10a3-4e59-85fd-8c127544f17c", facts.appId());
        assertEquals(List.of("user_impersonation"), facts.scopes());
        assertEquals(Instant.ofEpochSecond(1537233106), facts.issuedAt());
        assertEquals(Instant.ofEpochSecond(1537237006), facts.expiresAt());
        assertEquals(14, jwt.signatureLength(), "the published signature is cut short");
    }

    @Test
    void microsoftsV2AccessTokenNamesTheAppInAzpAndIsDelegated() throws Exception {
        TokenSummary facts = TokenSummary.of(Jwt.decode(PublishedTokens.V2_ACCESS_TOKEN));

        assertEquals(TokenSummary.Kind.Delegated, facts.kind());
        assertEquals("2.0", facts.version());
        assertEquals("6e74172b-be56-4843-9ff4-e66a39bb12e3", facts.appId());
        assertEquals("abeli@microsoft.com", facts.user());
        assertEquals("Abe Lincoln", facts.displayName());
        assertEquals("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0", facts.issuer());
        assertEquals(List.of("access_as_user"), facts.scopes());
        assertFalse(facts.graphNonce());
    }

    @Test
    void microsoftsV1AndV2IdTokensAreIdTokens() throws Exception {
        Jwt v2 = Jwt.decode(PublishedTokens.V2_ID_TOKEN);
        TokenSummary facts = TokenSummary.of(v2);

        assertEquals(TokenSummary.Kind.IdToken, facts.kind());
        assertEquals("123523", v2.claims().get("nonce"));
        assertEquals("9122040d-6c67-4c5b-b112-36a304b66dad", facts.tenantId(), "as published, one digit from the MSA tenant");
        assertEquals("AbeLi@microsoft.com", facts.user());
        assertTrue(ClaimGlossary.claim("tid", ClaimGlossary.CONSUMER_TENANT).orElseThrow().contains("personal Microsoft accounts"));
        assertEquals("tenant id (directory) the subject belongs to", ClaimGlossary.claim("tid", facts.tenantId()).orElseThrow());
        assertNull(facts.appId());
        assertEquals(TokenSummary.Kind.IdToken, TokenSummary.of(Jwt.decode(PublishedTokens.V1_ID_TOKEN)).kind());
    }

    @Test
    void rfc7515AppendixA1ToA3DecodeToTheSameClaims() throws Exception {
        for (String[] example : new String[][] {{PublishedTokens.RFC7515_A1_HS256, "HS256", "32"},
                {PublishedTokens.RFC7515_A2_RS256, "RS256", "256"}, {PublishedTokens.RFC7515_A3_ES256, "ES256", "64"}}) {
            Jwt jwt = Jwt.decode(example[0]);

            assertEquals(example[1], jwt.algorithm());
            assertEquals(Integer.parseInt(example[2]), jwt.signatureLength(), example[1]);
            assertEquals("joe", jwt.claims().get("iss"));
            assertEquals(Instant.ofEpochSecond(1300819380), jwt.time("exp").orElseThrow());
            assertEquals(true, jwt.claims().get("http://example.com/is_root"));
            assertEquals(TokenSummary.Kind.Unknown, TokenSummary.of(jwt).kind());
        }
        assertEquals("JWT", Jwt.decode(PublishedTokens.RFC7515_A1_HS256).header().get("typ"), "the header's CR LF is JSON white space");
    }

    @Test
    void rfc7515AppendixA4WithAPayloadThatIsNotJsonAndA5UnsecuredAreRefused() {
        assertEquals("not a JWT: the payload is not a JSON object", refused(PublishedTokens.RFC7515_A4_ES512));
        assertTrue(refused(PublishedTokens.RFC7515_A5_NONE).startsWith("unsecured token (alg 'none') refused"));
    }

    @Test
    void aJweOfFiveSegmentsIsAnEncryptedTokenThatCannotBeDecoded() {
        assertTrue(refused(PublishedTokens.RFC7516_A1_JWE).startsWith("encrypted token; cannot be decoded"),
                refused(PublishedTokens.RFC7516_A1_JWE));
    }

    @Test
    void whiteSpaceAroundTheTokenAndABearerPrefixAreIgnored() throws Exception {
        assertEquals("RS256", Jwt.decode("  Bearer " + PublishedTokens.V2_ACCESS_TOKEN + "\n").algorithm());
        assertEquals("RS256", Jwt.decode("bearer\t" + PublishedTokens.V2_ACCESS_TOKEN).algorithm());
    }

    @Test
    void paddingIsToleratedOnlyAtTheEndOfASegment() throws Exception {
        String header = MalformedTokens.b64("{\"alg\":\"RS256\",\"kid\":\"k\"}");
        assertEquals(34, header.length(), "25 bytes: 34 characters, and 2 of padding to a multiple of 4");
        String rest = "." + MalformedTokens.PAYLOAD + "." + MalformedTokens.SIGNATURE;

        assertEquals("k", Jwt.decode(header + "==" + rest).header().get("kid"));
        assertEquals("not a JWT: the header is not valid base64url", refused(header + "=" + rest), "one '=' where two belong");
        assertEquals("not a JWT: the header is not valid base64url", refused(header.substring(0, 10) + "=" + header.substring(10) + rest));
    }

    @Test
    void aNameThatAppearsTwiceIsRefusedBecauseReadersWouldDisagreeOnItsValue() {
        String token = MalformedTokens.b64("{\"alg\":\"RS256\",\"alg\":\"none\"}") + "." + MalformedTokens.PAYLOAD + "." + MalformedTokens.SIGNATURE;

        assertTrue(refused(token).startsWith("not a JWT: the header names a member twice"), refused(token));
    }

    @Test
    void statusAndTimeLeftFollowNbfAndExp() throws Exception {
        Jwt jwt = Jwt.decode(MalformedTokens.HEADER + "." + MalformedTokens.b64("{\"nbf\":1000,\"exp\":5000}") + "." + MalformedTokens.SIGNATURE);
        TokenSummary facts = TokenSummary.of(jwt);

        assertEquals(TokenSummary.Status.NOT_YET_VALID, facts.status(Instant.ofEpochSecond(999)));
        assertEquals(TokenSummary.Status.VALID, facts.status(Instant.ofEpochSecond(1000)));
        assertEquals(TokenSummary.Status.VALID, facts.status(Instant.ofEpochSecond(4999)));
        assertEquals(TokenSummary.Status.EXPIRED, facts.status(Instant.ofEpochSecond(5000)), "exp is the first instant it is not valid");
        assertEquals("in 1h 6m", facts.timeLeftText(Instant.ofEpochSecond(1000)));
        assertEquals("expired 59s ago", facts.timeLeftText(Instant.ofEpochSecond(5059)));
        assertEquals("2d 3h", TokenSummary.humanDuration(Duration.ofHours(51).plusMinutes(59)));
        assertEquals(TokenSummary.Status.NO_EXPIRY, TokenSummary.of(Jwt.decode(MalformedTokens.HEADER + "." + MalformedTokens.b64("{}") + "."
                + MalformedTokens.SIGNATURE)).status(Instant.EPOCH));
    }

    @Test
    void anAppOnlyTokenIsToldByIdtypOrByAnAppWithoutScopes() throws Exception {
        String appOnly = MalformedTokens.HEADER + "." + MalformedTokens.b64("{\"aud\":\"api://x\",\"azp\":\"a\",\"roles\":[\"Data.Read\"],"
                + "\"upn\":\"not-shown@example.com\"}") + "." + MalformedTokens.SIGNATURE;
        TokenSummary facts = TokenSummary.of(Jwt.decode(appOnly));

        assertEquals(TokenSummary.Kind.AppOnly, facts.kind());
        assertEquals(List.of("Data.Read"), facts.roles());
        assertNull(facts.user(), "an app-only token names no user");
        assertEquals(TokenSummary.Kind.AppOnly, TokenSummary.of(Jwt.decode(MalformedTokens.HEADER + "."
                + MalformedTokens.b64("{\"idtyp\":\"app\"}") + "." + MalformedTokens.SIGNATURE)).kind());
    }

    @Test
    void theTokenNeverAppearsInToString() throws Exception {
        Jwt jwt = Jwt.decode(PublishedTokens.V2_ACCESS_TOKEN);

        assertFalse(jwt.toString().contains(PublishedTokens.V2_ACCESS_TOKEN.substring(0, 20)), jwt.toString());
    }

    private static String refused(String token) {
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> Jwt.decode(token));
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e.getMessage();
    }
}
