package dev.entraauth.storage.windows.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A FAKE of DPAPI for running the store's file logic where DPAPI cannot run (Linux, macOS): AES-256-GCM under
 * a key that stands for "the current Windows user", with the entropy as associated data. Like DPAPI it fails
 * on a changed blob, on other entropy and for "another user" (another key). It proves nothing about DPAPI
 * itself; {@code DpapiFileStoreWindowsTest} runs the real one on Windows.
 */
final class FakeDpapi implements Dpapi {
    private final byte[] userKey;
    int protectCalls;

    FakeDpapi(byte[] userKey) {
        this.userKey = userKey.clone();
    }

    /** {@return the fake for one fixed "user", the same in every process (the contract's second process uses it)} */
    static FakeDpapi sharedUser() {
        try {
            return new FakeDpapi(java.security.MessageDigest.getInstance("SHA-256")
                    .digest("entra-auth-cli fake DPAPI user".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return a fake for a new random "user"} */
    static FakeDpapi randomUser() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new FakeDpapi(key);
    }

    @Override
    public byte[] protect(byte[] plaintext, byte[] entropy) throws DpapiException {
        protectCalls++;
        try {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(userKey, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(entropy);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] blob = Arrays.copyOf(nonce, nonce.length + sealed.length);
            System.arraycopy(sealed, 0, blob, nonce.length, sealed.length);
            return blob;
        } catch (GeneralSecurityException e) {
            throw new DpapiException("fake protect failed", e);
        }
    }

    @Override
    public byte[] unprotect(byte[] blob, byte[] entropy) throws DpapiException {
        if (blob.length < 12 + 16) {
            throw new DpapiException("The data is invalid (fake).");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(userKey, "AES"), new GCMParameterSpec(128, blob, 0, 12));
            cipher.updateAAD(entropy);
            return cipher.doFinal(blob, 12, blob.length - 12);
        } catch (GeneralSecurityException e) {
            throw new DpapiException("The data is invalid (fake).", e);
        }
    }
}
