package dev.entraauth.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SECURITY-CHECKLIST CA1 and CA2: the claims and header of a client assertion. */
class ClientAssertionsTest {
    static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    static final String ENDPOINT = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void claimsNameTheClientTheExactEndpointAndATenMinuteWindow() throws Exception {
        Certificates c = Certificates.valid();
        CertificateCredential credential = new CertificateCredential(c.certificate, c.keys.getPrivate(), List.of(c.certificate));

        SignedJWT jwt = SignedJWT.parse(ClientAssertions.create(credential, CLIENT, ENDPOINT, false, Clock.fixed(NOW, ZoneOffset.UTC)));

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(CLIENT, claims.getIssuer());
        assertEquals(CLIENT, claims.getSubject());
        assertEquals(List.of(ENDPOINT), claims.getAudience());
        assertEquals(NOW, claims.getIssueTime().toInstant());
        assertEquals(NOW, claims.getNotBeforeTime().toInstant());
        assertEquals(NOW.plusSeconds(600), claims.getExpirationTime().toInstant());
        assertTrue(claims.getJWTID().matches("[0-9a-f-]{36}"), claims.getJWTID());
    }

    @Test
    void everyAssertionHasANewJti() throws Exception {
        Certificates c = Certificates.valid();
        CertificateCredential credential = new CertificateCredential(c.certificate, c.keys.getPrivate(), List.of(c.certificate));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        String first = SignedJWT.parse(ClientAssertions.create(credential, CLIENT, ENDPOINT, false, clock)).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(ClientAssertions.create(credential, CLIENT, ENDPOINT, false, clock)).getJWTClaimsSet().getJWTID();

        assertNotEquals(first, second);
    }

    @Test
    void theHeaderIsPs256WithTheSha256ThumbprintAndTheSignatureVerifiesUnderPss() throws Exception {
        Certificates c = Certificates.valid();
        CertificateCredential credential = new CertificateCredential(c.certificate, c.keys.getPrivate(), List.of(c.certificate));

        SignedJWT jwt = SignedJWT.parse(ClientAssertions.create(credential, CLIENT, ENDPOINT, false, Clock.systemUTC()));

        assertEquals(JWSAlgorithm.PS256, jwt.getHeader().getAlgorithm());
        assertEquals("JWT", jwt.getHeader().getType().getType());
        String independent = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(c.certificate.getEncoded()));
        assertEquals(independent, jwt.getHeader().getX509CertSHA256Thumbprint().toString());
        assertNull(jwt.getHeader().getX509CertThumbprint(), "no SHA-1 thumbprint unless asked for");
        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) c.certificate.getPublicKey())));
    }

    @Test
    void theLegacyFormIsRs256WithTheSha1Thumbprint() throws Exception {
        Certificates c = Certificates.valid();
        CertificateCredential credential = new CertificateCredential(c.certificate, c.keys.getPrivate(), List.of(c.certificate));

        SignedJWT jwt = SignedJWT.parse(ClientAssertions.create(credential, CLIENT, ENDPOINT, true, Clock.systemUTC()));

        assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm());
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-1").digest(c.certificate.getEncoded())), jwt.getHeader().getX509CertThumbprint().toString());
        assertTrue(jwt.verify(new RSASSAVerifier((RSAPublicKey) c.certificate.getPublicKey())));
    }
}
