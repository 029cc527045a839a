/**
 * The Windows secret store: one file per secret under {@code <home>/dpapi/}, encrypted with DPAPI for the
 * current user. Exports nothing: its store is reached only through the SecretStore service.
 *
 * @provides dev.entraauth.api.store.SecretStore the DPAPI file store ({@code dpapi})
 */
module dev.entraauth.storage.windows {
    requires dev.entraauth.api;
    requires dev.entraauth.core;
    requires com.sun.jna;
    requires com.sun.jna.platform;

    provides dev.entraauth.api.store.SecretStore with dev.entraauth.storage.windows.internal.DpapiFileStore;
}
