package dev.entraauth.core.credential;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Client assertions (RFC 7523) as Entra's certificate-credentials page describes them, built fresh for every
 * request: {@code iss = sub = client id}, {@code aud} = the exact token endpoint the request goes to, a new
 * {@code jti}, {@code nbf = iat = now}, {@code exp = now + 10 min}; header {@code PS256} with
 * {@code x5t#S256} by default, or {@code RS256} with the SHA-1 {@code x5t} for legacy (ADFS) servers.
 */
public final class ClientAssertions {
    /** How long an assertion is valid. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    private ClientAssertions() {
    }

    /**
     * @param credential    the certificate and key
     * @param clientId      the application (client) id
     * @param tokenEndpoint the token endpoint the assertion will be posted to (its {@code aud})
     * @param legacy        RS256 with SHA-1 {@code x5t} instead of PS256 with {@code x5t#S256}
     * @param clock         the clock
     * @return the signed assertion
     */
    public static String create(CertificateCredential credential, String clientId, String tokenEndpoint, boolean legacy, Clock clock) {
        Instant now = clock.instant();
        try {
            byte[] der = credential.certificate().getEncoded();
            JWSHeader.Builder header = new JWSHeader.Builder(legacy ? JWSAlgorithm.RS256 : JWSAlgorithm.PS256).type(JOSEObjectType.JWT);
            if (legacy) {
                header.x509CertThumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-1").digest(der)));
            } else {
                header.x509CertSHA256Thumbprint(Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(der)));
            }
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(clientId)
                    .subject(clientId)
                    .audience(tokenEndpoint)
                    .jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(LIFETIME)))
                    .build();
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(new RSASSASigner(credential.privateKey()));
            return jwt.serialize();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot sign a client assertion: " + e.getMessage(), e);
        }
    }
}
