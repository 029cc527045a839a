package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import java.util.Arrays;
import java.util.Optional;

/** Where the passphrase comes from: the environment variable, else a no-echo prompt. */
final class PassphraseSource {
    private static final int MIN_NEW_LENGTH = 8;
    private final StoreContext context;

    PassphraseSource(StoreContext context) {
        this.context = context;
    }

    /**
     * @param creating whether the store file is being created (then a typed passphrase is asked twice)
     * @return the passphrase; the caller clears it
     */
    char[] get(boolean creating) throws StoreException {
        String fromEnv = context.environment().get(EncryptedFileStore.PASSPHRASE_VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            if (creating && fromEnv.length() < MIN_NEW_LENGTH) {
                throw new StoreException(EncryptedFileStore.PASSPHRASE_VARIABLE + " is shorter than " + MIN_NEW_LENGTH
                        + " characters; choose a longer passphrase for the new secret store");
            }
            return fromEnv.toCharArray();
        }
        if (!creating) {
            return ask("Passphrase for the secret store");
        }
        context.interaction().info("Creating the encrypted secret store " + context.home().resolve(EncryptedFileStore.FILE_NAME)
                + ". Choose a passphrase (at least " + MIN_NEW_LENGTH + " characters); it cannot be recovered.");
        char[] first = ask("New passphrase for the secret store");
        if (first.length < MIN_NEW_LENGTH) {
            Arrays.fill(first, '\0');
            throw new StoreException("the passphrase is shorter than " + MIN_NEW_LENGTH + " characters; nothing was stored");
        }
        char[] second = ask("Repeat the passphrase");
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new StoreException("the two passphrases differ; nothing was stored");
            }
            return first;
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    private char[] ask(String prompt) throws StoreException {
        Optional<char[]> typed = context.interaction().readSecret(prompt);
        if (typed.isEmpty()) {
            throw new StoreException("no passphrase for the secret store: set " + EncryptedFileStore.PASSPHRASE_VARIABLE
                    + " or run in a terminal to be prompted");
        }
        return typed.get();
    }
}
