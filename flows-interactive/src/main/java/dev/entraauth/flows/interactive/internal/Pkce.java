package dev.entraauth.flows.interactive.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636, SECURITY-CHECKLIST LB4): a verifier of 32 random bytes as 43 base64url characters (all in
 * the unreserved set), and its S256 challenge. The verifier goes only into the token request's body; its
 * {@link #toString()} never shows it.
 *
 * @param verifier  the code verifier
 * @param challenge {@code BASE64URL(SHA-256(ASCII(verifier)))}
 */
record Pkce(String verifier, String challenge) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The only method used. */
    static final String METHOD = "S256";

    static Pkce create() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new Pkce(verifier, challengeOf(verifier));
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[method=S256, challenge=" + challenge + ", verifier=***]";
    }
}
