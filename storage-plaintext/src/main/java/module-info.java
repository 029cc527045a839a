/**
 * The plaintext secret store, for machines with no keyring where no passphrase can be given: off unless the user
 * opts in with {@code ENTRA_AUTH_CLI_INSECURE_STORAGE=1}, and then it warns on stderr at every write. Exports
 * nothing.
 *
 * @provides dev.entraauth.api.store.SecretStore the plaintext store ({@code plaintext}, {@code <home>/secrets.plaintext})
 */
module dev.entraauth.storage.plaintext {
    requires dev.entraauth.api;
    requires dev.entraauth.core;

    provides dev.entraauth.api.store.SecretStore with dev.entraauth.storage.plaintext.internal.PlaintextStore;
}
