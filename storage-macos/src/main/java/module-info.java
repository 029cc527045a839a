/**
 * The macOS secret store: generic passwords in the user's Keychain (service {@code entra-auth-cli}), through
 * the Security framework called with JNA — never the {@code security} tool. Exports nothing: its store is
 * reached only through the SecretStore service.
 *
 * @provides dev.entraauth.api.store.SecretStore the Keychain store ({@code keychain})
 */
module dev.entraauth.storage.macos {
    requires dev.entraauth.api;
    requires dev.entraauth.core;
    requires com.sun.jna;

    provides dev.entraauth.api.store.SecretStore with dev.entraauth.storage.macos.internal.KeychainStore;
}
