package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.core.crypto.PassphraseCipher;
import dev.entraauth.core.io.SecretMapFile;
import dev.entraauth.core.io.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;

/**
 * The opened {@code tokens.enc} (locking and atomic replacement: {@link SecretMapFile}).
 * The key is obtained once per process, only when the file must be decrypted or created: from the Secret Service
 * item the file's header names, or derived from the passphrase. A new file keeps its key in the Secret Service
 * when that is reachable, else uses the passphrase.
 */
final class EncryptedFileVault extends SecretMapFile {
    /** Argon2id memory for new files: OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane). */
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    private final PassphraseSource passphrase;
    private final Map<String, String> environment;
    private VaultFile.KeySource source;
    private byte[] key;

    EncryptedFileVault(Path file, PassphraseSource passphrase, Map<String, String> environment) {
        super(file);
        this.passphrase = passphrase;
        this.environment = environment;
    }

    /** Encrypts every entry with the file's key (made now for a new file), under a fresh nonce. */
    @Override
    protected byte[] encode(Map<String, byte[]> entries) throws StoreException {
        if (source == null) {
            createKey();
        }
        byte[] header = VaultFile.header(source);
        byte[] nonce = PassphraseCipher.nonce();
        byte[] plaintext = VaultFile.encode(entries);
        byte[] ciphertext = PassphraseCipher.encrypt(key, nonce, plaintext, header);
        Arrays.fill(plaintext, (byte) 0);
        return VaultFile.join(header, nonce, ciphertext);
    }

    /** Reads and decrypts the whole file; an absent file is an empty store. */
    @Override
    protected Map<String, byte[]> load() throws StoreException {
        byte[] bytes;
        try {
            SecureFiles.tightenFile(file);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        VaultFile.Sealed sealed;
        try {
            sealed = VaultFile.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage(), e);
        }
        // source is null before the first read: no call of the record's equals then, whose invokedynamic bootstrap
        // (ObjectMethods) costs the cached-token path a run-time class spin (docs/performance.md)
        if (source == null || !sealed.source().equals(source)) {
            key = existingKey(sealed.source());
            source = sealed.source();
        }
        byte[] plaintext;
        try {
            plaintext = PassphraseCipher.decrypt(key, sealed.nonce(), sealed.ciphertext(), sealed.header());
        } catch (AEADBadTagException e) {
            source = null;
            throw new StoreException(sealed.source() instanceof VaultFile.Passphrase
                    ? "cannot decrypt " + file + ": wrong passphrase (from " + EncryptedFileStore.PASSPHRASE_VARIABLE
                            + " or the prompt), or the file was modified. The file was left unchanged"
                    : "cannot decrypt " + file + " with its key from the Secret Service: the file or the key item was"
                            + " modified. The file was left unchanged", e);
        }
        try {
            return VaultFile.decode(plaintext);
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage(), e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The key of a file that exists, from where its header says. */
    private byte[] existingKey(VaultFile.KeySource existing) throws StoreException {
        // instanceof, not a pattern switch: SwitchBootstraps spins a class at run time, on the cached-token path
        if (existing instanceof VaultFile.Passphrase(PassphraseCipher kdf)) {
            char[] secret = passphrase.get(false);
            try {
                return kdf.deriveKey(secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        if (!(existing instanceof VaultFile.SecretServiceKey(String keyId))) {
            throw new IllegalStateException("unknown key source " + existing.getClass().getName());
        }
        SecretService service;
        try {
            service = SecretService.reachable(environment);
        } catch (StoreException e) {
            throw new StoreException(file + " is encrypted with a key kept in the Secret Service, which is not"
                    + " reachable: " + SecretService.availability(environment).reason() + ". The file was left unchanged", e);
        }
        byte[] found = service.lookupFileKey(keyId)
                .orElseThrow(() -> new StoreException(file + " is encrypted with a key kept in the Secret Service"
                        + " (item key-id=" + keyId + "), and that item is gone. The file was left unchanged;"
                        + " without the item its secrets cannot be read (move the file aside to start an empty store)"));
        if (found.length != 32) {
            Arrays.fill(found, (byte) 0);
            throw new StoreException("the Secret Service item key-id=" + keyId + " does not hold a 256-bit key."
                    + " " + file + " was left unchanged");
        }
        return found;
    }

    /**
     * Chooses the key of a new file: one derived from the passphrase when the user gave one
     * ({@value EncryptedFileStore#PASSPHRASE_VARIABLE}: a file SSH sessions and cron can open too), else a random
     * 256-bit key kept as a Secret Service item when the Secret Service is reachable, else one derived from a
     * passphrase asked for. Sets {@link #source} only once there is a key.
     */
    private void createKey() throws StoreException {
        boolean passphraseGiven = !environment.getOrDefault(EncryptedFileStore.PASSPHRASE_VARIABLE, "").isEmpty();
        if (!passphraseGiven && SecretService.availability(environment).available()) {
            VaultFile.SecretServiceKey fresh = VaultFile.SecretServiceKey.fresh();
            byte[] created = new byte[32];
            new java.security.SecureRandom().nextBytes(created);
            SecretService.reachable(environment).storeFileKey(fresh.keyId(), "entra-auth-cli key of " + file, created);
            key = created;
            source = fresh;
            return;
        }
        PassphraseCipher fresh = PassphraseCipher.fresh(MEMORY_KIB, ITERATIONS);
        char[] secret = passphrase.get(true);
        try {
            key = fresh.deriveKey(secret);
            source = new VaultFile.Passphrase(fresh); // only once there is a key: a refused passphrase leaves none
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private StoreException damaged(String why, Exception cause) {
        return new StoreException(file + " is damaged (" + why + "). It was left unchanged; move it aside to start"
                + " an empty store (its secrets are then lost)", cause);
    }
}
