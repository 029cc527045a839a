package dev.entraauth.core.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A 256-bit key derived with Argon2id (RFC 9106) from a passphrase and a salt, and AES-256-GCM with it.
 * The parameters are bounded so a crafted file cannot make a reader allocate or spin without limit.
 *
 * @param memoryKiB   Argon2 memory in KiB (8 MiB – 1 GiB)
 * @param iterations  Argon2 passes (1–20)
 * @param parallelism Argon2 lanes (1–16)
 * @param salt        at least 16 random bytes
 */
public record PassphraseCipher(int memoryKiB, int iterations, int parallelism, byte[] salt) {
    /** The length of a GCM nonce. */
    public static final int NONCE_BYTES = 12;
    /** The length of a salt made by {@link #fresh}. */
    public static final int SALT_BYTES = 16;
    private static final int TAG_BITS = 128;

    /** Checks the bounds. */
    public PassphraseCipher {
        if (memoryKiB < 8 * 1024 || memoryKiB > 1024 * 1024 || iterations < 1 || iterations > 20
                || parallelism < 1 || parallelism > 16 || salt == null || salt.length < SALT_BYTES) {
            throw new IllegalArgumentException("unsupported key-derivation parameters");
        }
        salt = salt.clone();
    }

    /**
     * @param memoryKiB  Argon2 memory in KiB
     * @param iterations Argon2 passes
     * @return parameters with one lane and a fresh random salt
     */
    public static PassphraseCipher fresh(int memoryKiB, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        Random.SOURCE.nextBytes(salt);
        return new PassphraseCipher(memoryKiB, iterations, 1, salt);
    }

    /** {@return a fresh random GCM nonce} */
    public static byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        Random.SOURCE.nextBytes(nonce);
        return nonce;
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /**
     * @param passphrase the passphrase; left unchanged
     * @return the 32-byte key; the caller clears it
     */
    public byte[] deriveKey(char[] passphrase) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(passphrase));
        byte[] password = new byte[encoded.remaining()];
        encoded.get(password);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withMemoryAsKB(memoryKiB)
                    .withIterations(iterations)
                    .withParallelism(parallelism)
                    .withSalt(salt)
                    .build());
            byte[] key = new byte[32];
            generator.generateBytes(password, key);
            return key;
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /**
     * @param key        a 32-byte key
     * @param nonce      a nonce never used before with this key
     * @param plaintext  the data
     * @param associated data authenticated but not encrypted
     * @return the ciphertext with its tag
     */
    public static byte[] encrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] associated) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, nonce, associated).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    /**
     * @param key        a 32-byte key
     * @param nonce      the nonce used to encrypt
     * @param ciphertext the ciphertext with its tag
     * @param associated the associated data used to encrypt
     * @return the plaintext
     * @throws AEADBadTagException when the key is wrong or the data was modified
     */
    public static byte[] decrypt(byte[] key, byte[] nonce, byte[] ciphertext, byte[] associated) throws AEADBadTagException {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, nonce, associated).doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] associated) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associated);
        return cipher;
    }

    /** Made on first use: reading a file needs no randomness, and a SecureRandom sets up the JCA providers. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PassphraseCipher other && memoryKiB == other.memoryKiB && iterations == other.iterations
                && parallelism == other.parallelism && Arrays.equals(salt, other.salt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(salt) + memoryKiB + iterations * 7 + parallelism;
    }

    @Override
    public String toString() {
        return "PassphraseCipher[argon2id m=" + memoryKiB + "KiB t=" + iterations + " p=" + parallelism + "]";
    }
}
