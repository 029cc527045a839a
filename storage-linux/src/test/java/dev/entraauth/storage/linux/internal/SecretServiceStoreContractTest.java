package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.store.SecretStore;
import dev.entraauth.testkit.store.SecretStoreContract;
import java.util.Map;

/**
 * The Secret Service store passes the contract every store passes, against a real gnome-keyring on a private
 * D-Bus session (it fails, not skips, when the daemons cannot start). Each test has its own home directory, which
 * the store's items carry as an attribute, so tests sharing the keyring do not see each other's secrets.
 */
class SecretServiceStoreContractTest extends SecretStoreContract {

    @Override
    protected SecretStore store() {
        return new SecretServiceStore();
    }

    @Override
    protected Map<String, String> environment() {
        return SharedKeyring.environment();
    }
}
