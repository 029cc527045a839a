package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Secrets in one encrypted file, {@code <home>/tokens.enc} (mode 0600): AES-256-GCM under a random 256-bit key
 * kept in the Secret Service when that is reachable as the file is created, else under a key derived with Argon2id
 * from a passphrase taken from {@value #PASSPHRASE_VARIABLE} or a no-echo prompt. The file's header records which.
 */
public final class EncryptedFileStore implements SecretStore {
    /** The environment variable holding the passphrase for scripts and CI. */
    public static final String PASSPHRASE_VARIABLE = "ENTRA_AUTH_CLI_PASSPHRASE";
    /** The file name inside the home directory. */
    public static final String FILE_NAME = "tokens.enc";

    /** Creates the provider; does no I/O. */
    public EncryptedFileStore() {
    }

    @Override
    public String id() {
        return "encrypted-file";
    }

    @Override
    public String description() {
        return "AES-256-GCM file, its key in the Secret Service or derived with Argon2id from a passphrase";
    }

    @Override
    public int weight() {
        return 50;
    }

    @Override
    public Availability availability(StoreContext context) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Availability.unavailable("needs a POSIX file system to keep " + FILE_NAME + " private (mode 0600)");
        }
        Path file = context.home().resolve(FILE_NAME);
        VaultFile.KeySource existing;
        try {
            existing = VaultFile.keySource(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            existing = null;
        } catch (IOException | IllegalArgumentException e) {
            return Availability.available(file + " (cannot be read now: " + e.getMessage() + ")");
        }
        if (existing instanceof VaultFile.SecretServiceKey) {
            Availability secretService = SecretService.availability(context.environment());
            return secretService.available() ? Availability.available(file + " (key in the Secret Service)")
                    : Availability.unavailable(file + " is encrypted with a key kept in the Secret Service, which is not"
                            + " reachable: " + secretService.reason());
        }
        if (existing == null && SecretService.availability(context.environment()).available()) {
            return Availability.available(file + " (new; its key will be kept in the Secret Service)");
        }
        String passphrase = context.environment().get(PASSPHRASE_VARIABLE);
        if (passphrase != null && !passphrase.isEmpty()) {
            return Availability.available(file + " (passphrase from " + PASSPHRASE_VARIABLE + ")");
        }
        if (context.interaction().canPrompt()) {
            return Availability.available(file + " (passphrase prompted)");
        }
        return Availability.unavailable(file + " needs a passphrase: set " + PASSPHRASE_VARIABLE + " or use a terminal");
    }

    /** {@return whether {@code tokens.enc} exists in the home} */
    @Override
    public boolean holdsSecrets(StoreContext context) {
        return Files.isRegularFile(context.home().resolve(FILE_NAME));
    }

    @Override
    public SecretVault open(StoreContext context) throws StoreException {
        return new EncryptedFileVault(context.home().resolve(FILE_NAME), new PassphraseSource(context), context.environment());
    }
}
