/**
 * Secret stores for Linux. Exports nothing: its stores are reached only through the SecretStore service.
 *
 * @provides dev.entraauth.api.store.SecretStore the Secret Service store ({@code secret-service}: libsecret items
 *           through JNA) and the encrypted-file store ({@code tokens.enc}, its key in the Secret Service or derived
 *           from a passphrase)
 */
module dev.entraauth.storage.linux {
    requires dev.entraauth.api;
    requires dev.entraauth.core;
    requires org.bouncycastle.provider;
    requires com.sun.jna;

    provides dev.entraauth.api.store.SecretStore with
            dev.entraauth.storage.linux.internal.SecretServiceStore,
            dev.entraauth.storage.linux.internal.EncryptedFileStore;
}
