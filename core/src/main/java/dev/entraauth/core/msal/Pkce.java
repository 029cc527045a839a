package dev.entraauth.core.msal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636) with method S256, and the {@code state} of one authorization request: 32 random bytes
 * each, base64url without padding (43 characters from the unreserved set). The verifier goes only into the
 * code exchange, never into a URL, a log line or {@link #toString()} (SECURITY-CHECKLIST LB4).
 *
 * @param verifier  the code verifier
 * @param challenge {@code b64url(SHA-256(verifier))}
 * @param state     the anti-CSRF value the callback must echo
 */
public record Pkce(String verifier, String challenge, String state) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** {@return a new pair and state} */
    public static Pkce create() {
        String verifier = random();
        return new Pkce(verifier, challenge(verifier), random());
    }

    /**
     * @param verifier a code verifier
     * @return its S256 challenge
     */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this runtime", e);
        }
    }

    /**
     * Compares a state from a callback with this one in constant time.
     *
     * @param candidate the state the callback carried, or null
     * @return whether it is this request's state
     */
    public boolean stateMatches(String candidate) {
        return candidate != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Pkce[S256, challenge=" + challenge + "]";
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
