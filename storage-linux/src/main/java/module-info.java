/**
 * Secret stores for Linux. Exports nothing: its stores are reached only through the SecretStore service.
 *
 * @provides dev.entraauth.api.store.SecretStore the encrypted-file store ({@code tokens.enc})
 */
module dev.entraauth.storage.linux {
    requires dev.entraauth.api;
    requires dev.entraauth.core;
    requires org.bouncycastle.provider;

    provides dev.entraauth.api.store.SecretStore with dev.entraauth.storage.linux.internal.EncryptedFileStore;
}
