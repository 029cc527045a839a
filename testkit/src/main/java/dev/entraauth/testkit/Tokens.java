package dev.entraauth.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues RS256 JWTs signed by each tenant's key (its {@code kid} in the JWKS), with the claims of
 * access-tokens and id-tokens (access-token-claims-reference, id-token-claims-reference), and Graph's
 * header {@code nonce}, which makes Graph tokens verifiable by Graph alone.
 */
final class Tokens {
    static final Duration LIFETIME = Duration.ofSeconds(3599);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, RSAKey> keys = new ConcurrentHashMap<>();
    private final String baseUrl;

    Tokens(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Map<String, Object> jwks(String tenantId) {
        return new JWKSet(key(tenantId).toPublicJWK()).toJSONObject();
    }

    String issuerV2(String tenantId) {
        return baseUrl + "/" + tenantId + "/v2.0";
    }

    /**
     * An access token.
     *
     * @param appOnly whether it is an app-only token (roles) or delegated (scp)
     * @param acr     how the client authenticated: "0" public, "1" secret, "2" certificate
     */
    String accessToken(Tenant tenant, Application client, User user, Scopes.Resource resource, Set<String> permissions,
                       boolean appOnly, String acr, Instant now, Duration lifetime) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(resource.audience())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("tid", tenant.id())
                .claim("oid", appOnly ? client.servicePrincipalId() : user.objectId())
                .subject(pairwise(appOnly ? client.servicePrincipalId() : user.objectId(), client.clientId()))
                .claim("uti", randomId(16))
                .claim("rh", "0.A" + randomId(24) + ".")
                .claim("idtyp", appOnly ? "app" : "user");
        if (resource.v1()) {
            claims.issuer("https://sts.windows.net/" + tenant.id() + "/")
                    .claim("appid", client.clientId())
                    .claim("appidacr", acr)
                    .claim("app_displayname", client.displayName())
                    .claim("ver", "1.0");
            if (!appOnly) {
                claims.claim("upn", user.username()).claim("unique_name", user.username()).claim("name", user.displayName());
            }
        } else {
            claims.issuer(issuerV2(tenant.id()))
                    .claim("azp", client.clientId())
                    .claim("azpacr", acr)
                    .claim("ver", "2.0");
            if (!appOnly) {
                claims.claim("preferred_username", user.username()).claim("name", user.displayName());
            }
        }
        if (appOnly) {
            if (!permissions.isEmpty()) {
                claims.claim("roles", List.copyOf(permissions));
            }
        } else {
            claims.claim("scp", String.join(" ", permissions));
        }
        return sign(tenant.id(), claims.build(), resource == Scopes.GRAPH);
    }

    String idToken(Tenant tenant, Application client, User user, String nonce, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(client.clientId())
                .issuer(issuerV2(tenant.id()))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .subject(pairwise(user.objectId(), client.clientId()))
                .claim("oid", user.objectId())
                .claim("tid", tenant.id())
                .claim("name", user.displayName())
                .claim("preferred_username", user.username())
                .claim("uti", randomId(16))
                .claim("rh", "0.A" + randomId(24) + ".")
                .claim("ver", "2.0");
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return sign(tenant.id(), claims.build(), false);
    }

    /** {@code client_info}: base64url of {@code {"uid": oid, "utid": tid}}, which MSAL needs for accounts. */
    static String clientInfo(User user, Tenant tenant) {
        String json = "{\"uid\":\"" + user.objectId() + "\",\"utid\":\"" + tenant.id() + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String randomId(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Verifies a token this emulator issued (Graph's header nonce included) and that it has not expired.
     *
     * @param token a JWT
     * @return its claims, or empty when it is not a valid, unexpired token of this emulator
     */
    Optional<JWTClaimsSet> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            Object nonce = jwt.getHeader().getCustomParam("nonce");
            if (nonce != null) {
                JWSHeader signedHeader = withNonce(jwt.getHeader(), sha256(nonce.toString()));
                Base64URL[] parts = jwt.getParsedParts();
                jwt = new SignedJWT(signedHeader.toBase64URL(), parts[1], parts[2]);
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            RSAKey key = keys.get(String.valueOf(claims.getClaim("tid")));
            if (key == null || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return Optional.empty();
            }
            if (claims.getExpirationTime() == null || claims.getExpirationTime().toInstant().isBefore(Instant.now())) {
                return Optional.empty();
            }
            return Optional.of(claims);
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private RSAKey key(String tenantId) {
        return keys.computeIfAbsent(tenantId, t -> {
            try {
                return new RSAKeyGenerator(2048).keyID(randomId(20)).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String sign(String tenantId, JWTClaimsSet claims, boolean graphNonce) {
        RSAKey key = key(tenantId);
        try {
            JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID())
                    .x509CertThumbprint(new Base64URL(key.getKeyID()));
            if (!graphNonce) {
                SignedJWT jwt = new SignedJWT(header.build(), claims);
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            }
            // Graph: the signature covers a header whose nonce is the SHA-256 of the nonce shown, so only Graph can verify it.
            String nonce = randomId(32);
            SignedJWT signed = new SignedJWT(header.customParam("nonce", sha256(nonce)).build(), claims);
            signed.sign(new RSASSASigner(key));
            String[] parts = signed.serialize().split("\\.");
            JWSHeader shown = withNonce(signed.getHeader(), nonce);
            return shown.toBase64URL() + "." + parts[1] + "." + parts[2];
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWSHeader withNonce(JWSHeader header, String nonce) throws ParseException {
        Map<String, Object> json = new java.util.LinkedHashMap<>(header.toJSONObject());
        json.put("nonce", nonce);
        return JWSHeader.parse(json);
    }

    private static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pairwise(String objectId, String clientId) {
        return UUID.nameUUIDFromBytes((objectId + "|" + clientId).getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    }
}
