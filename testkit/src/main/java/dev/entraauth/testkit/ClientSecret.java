package dev.entraauth.testkit;

import java.time.Instant;

/**
 * A client secret (Graph's passwordCredential).
 *
 * @param keyId       the credential id
 * @param displayName its name, such as {@code EAC-EXP-21-MAY-27}
 * @param value       the secret text
 * @param startsAt    when it becomes valid
 * @param expiresAt   when it expires
 */
public record ClientSecret(String keyId, String displayName, String value, Instant startsAt, Instant expiresAt) {
    /** {@return the first three characters, as Graph's {@code hint}} */
    public String hint() {
        return value.substring(0, Math.min(3, value.length()));
    }

    @Override
    public String toString() {
        return "ClientSecret[" + keyId + ", " + displayName + ", expires " + expiresAt + "]";
    }
}
