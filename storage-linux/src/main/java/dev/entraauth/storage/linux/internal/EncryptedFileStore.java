package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Secrets in one encrypted file, {@code <home>/tokens.enc} (mode 0600): AES-256-GCM under a key derived
 * with Argon2id from a passphrase taken from {@value #PASSPHRASE_VARIABLE} or a no-echo prompt.
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
        return "AES-256-GCM file, key derived with Argon2id from a passphrase";
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
        String passphrase = context.environment().get(PASSPHRASE_VARIABLE);
        String source = passphrase != null && !passphrase.isEmpty() ? "passphrase from " + PASSPHRASE_VARIABLE
                : context.interaction().canPrompt() ? "passphrase prompted"
                : "needs a passphrase when it is read or written: set " + PASSPHRASE_VARIABLE + " or use a terminal";
        return Availability.available(file + " (" + source + ")");
    }

    @Override
    public SecretVault open(StoreContext context) throws StoreException {
        return new EncryptedFileVault(context.home().resolve(FILE_NAME), new PassphraseSource(context));
    }
}
