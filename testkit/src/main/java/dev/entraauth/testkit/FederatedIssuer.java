package dev.entraauth.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * An external OpenID Connect issuer an app trusts through a federated identity credential (workload identity
 * federation): a Kubernetes cluster's service account issuer, GitHub Actions ({@code
 * https://token.actions.githubusercontent.com}). It mints the tokens a workload finds in
 * {@code AZURE_FEDERATED_TOKEN_FILE}; the emulator verifies them with its key, as Entra verifies them with the
 * keys the issuer publishes (workload-identity-federation; simplification: the keys are not fetched over HTTP).
 */
public final class FederatedIssuer {
    /** The audience Entra expects in federated tokens by default. */
    public static final String DEFAULT_AUDIENCE = "api://AzureADTokenExchange";
    private final String issuer;
    private final KeyPair keys = Pki.rsa();
    private final String keyId = UUID.randomUUID().toString();

    FederatedIssuer(String issuer) {
        this.issuer = issuer;
    }

    /** {@return the issuer URL ({@code iss})} */
    public String issuer() {
        return issuer;
    }

    /**
     * A token of this issuer, RS256, as a workload receives it.
     *
     * @param subject  {@code sub}, such as {@code system:serviceaccount:ns:name} or {@code repo:org/repo:ref:refs/heads/main}
     * @param audience {@code aud}, normally {@link #DEFAULT_AUDIENCE}
     * @param lifetime how long it is valid (negative: expired)
     * @return the compact JWT
     */
    public String mint(String subject, String audience, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(now.minus(Duration.ofMinutes(lifetime.isNegative() ? 120 : 0))))
                .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(lifetime.isNegative() ? 120 : 0))))
                .expirationTime(Date.from(now.plus(lifetime))).jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    boolean verifies(SignedJWT jwt) {
        try {
            return keyId.equals(jwt.getHeader().getKeyID()) && jwt.verify(new RSASSAVerifier((RSAPublicKey) keys.getPublic()));
        } catch (JOSEException e) {
            return false;
        }
    }
}
