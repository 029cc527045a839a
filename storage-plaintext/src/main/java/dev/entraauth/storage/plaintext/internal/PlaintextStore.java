package dev.entraauth.storage.plaintext.internal;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Secrets NOT encrypted, in {@code <home>/secrets.plaintext} (mode 0600, directory 0700): only when the user opts
 * in with {@value #OPT_IN_VARIABLE}{@code =1}; unavailable otherwise, with a reason naming the opt-in. Every write
 * warns on stderr. It has the lowest weight: an available keyring or encrypted file is always preferred unless
 * the user names this store with {@code --store plaintext}.
 */
public final class PlaintextStore implements SecretStore {
    /** The opt-in: {@code 1}, {@code true} or {@code yes}. */
    public static final String OPT_IN_VARIABLE = "ENTRA_AUTH_CLI_INSECURE_STORAGE";
    /** The file name inside the home directory. */
    public static final String FILE_NAME = "secrets.plaintext";

    /** Creates the provider; does no I/O. */
    public PlaintextStore() {
    }

    static boolean optedIn(StoreContext context) {
        String value = context.environment().get(OPT_IN_VARIABLE);
        return value != null && Set.of("1", "true", "yes").contains(value.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String id() {
        return "plaintext";
    }

    @Override
    public String description() {
        return "PLAINTEXT file, not encrypted: anyone who can read it has the secrets (opt-in only: " + OPT_IN_VARIABLE + "=1)";
    }

    @Override
    public int weight() {
        return 1;
    }

    @Override
    public Availability availability(StoreContext context) {
        Path file = context.home().resolve(FILE_NAME);
        if (!optedIn(context)) {
            return Availability.unavailable("off: secrets would lie unencrypted in " + file + "; to accept that, opt in with "
                    + OPT_IN_VARIABLE + "=1");
        }
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return Availability.unavailable("needs a POSIX file system to keep " + FILE_NAME + " private (mode 0600)");
        }
        return Availability.available(file + " in PLAINTEXT (opted in with " + OPT_IN_VARIABLE + "); every write warns");
    }

    /** {@return whether the plaintext file exists in the home} */
    @Override
    public boolean holdsSecrets(StoreContext context) {
        return Files.isRegularFile(context.home().resolve(FILE_NAME));
    }

    @Override
    public SecretVault open(StoreContext context) throws StoreException {
        if (!optedIn(context)) {
            throw new StoreException("the plaintext store is off; opt in with " + OPT_IN_VARIABLE + "=1 to keep secrets unencrypted");
        }
        return new PlaintextVault(context.home().resolve(FILE_NAME), context.interaction());
    }
}
