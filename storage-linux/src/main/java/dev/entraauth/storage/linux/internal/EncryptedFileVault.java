package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.core.crypto.PassphraseCipher;
import dev.entraauth.core.io.FileLocks;
import dev.entraauth.core.io.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.crypto.AEADBadTagException;

/**
 * The opened {@code tokens.enc}. Reads need no lock (files are replaced atomically); every change
 * re-reads the file under a cross-process lock, so concurrent writers never lose each other's entries.
 * The key is derived once per process, only when the file must be decrypted or created.
 */
final class EncryptedFileVault implements SecretVault {
    /** Argon2id memory for new files: OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane). */
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;

    private final Path file;
    private final Path lockFile;
    private final PassphraseSource passphrase;
    private PassphraseCipher kdf;
    private byte[] key;

    EncryptedFileVault(Path file, PassphraseSource passphrase) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.passphrase = passphrase;
    }

    @Override
    public Optional<byte[]> read(SecretKey secretKey) throws StoreException {
        return Optional.ofNullable(load().get(secretKey.qualifiedName())).map(byte[]::clone);
    }

    @Override
    public void write(SecretKey secretKey, byte[] value) throws StoreException {
        byte[] copy = value.clone();
        change(entries -> entries.put(secretKey.qualifiedName(), copy));
    }

    @Override
    public boolean delete(SecretKey secretKey) throws StoreException {
        if (!Files.exists(file)) {
            return false;
        }
        boolean[] removed = new boolean[1];
        change(entries -> removed[0] = entries.remove(secretKey.qualifiedName()) != null);
        return removed[0];
    }

    @Override
    public Set<SecretKey> keys(String profile) throws StoreException {
        return load().keySet().stream().map(SecretKey::parse).filter(k -> k.profile().equals(profile))
                .collect(Collectors.toUnmodifiableSet());
    }

    private void change(Consumer<Map<String, byte[]>> change) throws StoreException {
        try {
            SecureFiles.privateDirectory(file.getParent());
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        try (FileLocks.Held ignored = FileLocks.acquire(lockFile, FileLocks.DEFAULT_WAIT)) {
            Map<String, byte[]> entries = load();
            if (kdf == null) {
                PassphraseCipher fresh = PassphraseCipher.fresh(MEMORY_KIB, ITERATIONS);
                char[] secret = passphrase.get(true);
                try {
                    key = fresh.deriveKey(secret);
                    kdf = fresh; // only once there is a key: a refused passphrase must not leave kdf set without one
                } finally {
                    Arrays.fill(secret, '\0');
                }
            }
            change.accept(entries);
            byte[] header = VaultFile.header(kdf);
            byte[] nonce = PassphraseCipher.nonce();
            byte[] plaintext = VaultFile.encode(entries);
            byte[] ciphertext = PassphraseCipher.encrypt(key, nonce, plaintext, header);
            Arrays.fill(plaintext, (byte) 0);
            SecureFiles.writeAtomically(file, VaultFile.join(header, nonce, ciphertext));
        } catch (StoreException e) {
            throw e;
        } catch (EntraAuthException e) {
            throw new StoreException(e.exitCode(), e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot write " + file + ": " + e.getMessage() + " (the previous content was kept)", e);
        }
    }

    /** Reads and decrypts the whole file; an absent file is an empty store. */
    private Map<String, byte[]> load() throws StoreException {
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
        if (!sealed.kdf().equals(kdf)) {
            char[] secret = passphrase.get(false);
            try {
                key = sealed.kdf().deriveKey(secret);
                kdf = sealed.kdf();
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        byte[] plaintext;
        try {
            plaintext = PassphraseCipher.decrypt(key, sealed.nonce(), sealed.ciphertext(), sealed.header());
        } catch (AEADBadTagException e) {
            kdf = null;
            throw new StoreException("cannot decrypt " + file + ": wrong passphrase (from "
                    + EncryptedFileStore.PASSPHRASE_VARIABLE + " or the prompt), or the file was modified. The file was left unchanged", e);
        }
        try {
            return VaultFile.decode(plaintext);
        } catch (IllegalArgumentException e) {
            throw damaged(e.getMessage(), e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private StoreException damaged(String why, Exception cause) {
        return new StoreException(file + " is damaged (" + why + "). It was left unchanged; move it aside to start"
                + " an empty store (its secrets are then lost)", cause);
    }
}
