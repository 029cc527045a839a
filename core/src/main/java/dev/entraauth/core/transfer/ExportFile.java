package dev.entraauth.core.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.entraauth.core.profile.ProfileEntry;
import java.util.List;

/**
 * The JSON of an export file.
 *
 * @param format     always {@value #FORMAT}
 * @param version    the format version, {@value #VERSION}
 * @param exportedAt when it was written (ISO-8601)
 * @param profiles   the profiles, never with secrets
 * @param secrets    the encrypted secrets, or null when exported without them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "version", "exportedAt", "profiles", "secrets"})
record ExportFile(String format, Integer version, String exportedAt, List<ProfileEntry> profiles, EncryptedSecrets secrets) {
    static final String FORMAT = "entra-auth-cli-profiles";
    static final int VERSION = 1;

    ExportFile {
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("format: not an entra-auth-cli export file (expected \"format\": \"" + FORMAT + "\")");
        }
        if (version == null || version != VERSION) {
            throw new IllegalArgumentException("version: " + version + " is not supported (this entra-auth-cli reads version " + VERSION + ")");
        }
        if (profiles != null && profiles.contains(null)) {
            throw new IllegalArgumentException("profiles[" + profiles.indexOf(null) + "] is null; expected a profile object");
        }
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    /**
     * The secrets, encrypted.
     *
     * @param kdf         always {@code argon2id}
     * @param memoryKiB   Argon2 memory
     * @param iterations  Argon2 passes
     * @param parallelism Argon2 lanes
     * @param salt        base64 salt
     * @param cipher      always {@code AES-256-GCM}
     * @param nonce       base64 nonce
     * @param ciphertext  base64 ciphertext of a JSON object {@code {"profile/kind": "base64 value"}}
     */
    @JsonPropertyOrder({"kdf", "memoryKiB", "iterations", "parallelism", "salt", "cipher", "nonce", "ciphertext"})
    record EncryptedSecrets(String kdf, Integer memoryKiB, Integer iterations, Integer parallelism, String salt,
                            String cipher, String nonce, String ciphertext) {
        EncryptedSecrets {
            if (!"argon2id".equals(kdf) || !"AES-256-GCM".equals(cipher)) {
                throw new IllegalArgumentException("secrets: unsupported encryption '" + kdf + "/" + cipher + "'");
            }
            if (memoryKiB == null || iterations == null || parallelism == null || salt == null || nonce == null || ciphertext == null) {
                throw new IllegalArgumentException("secrets: incomplete (memoryKiB, iterations, parallelism, salt, nonce and ciphertext are required)");
            }
        }
    }
}
