package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.store.SecretStore;
import dev.entraauth.testkit.store.SecretStoreContract;
import java.util.Map;

/** The encrypted-file store passes the contract every store passes, with its passphrase from the environment. */
class EncryptedFileStoreContractTest extends SecretStoreContract {

    @Override
    protected SecretStore store() {
        return new EncryptedFileStore();
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of(EncryptedFileStore.PASSPHRASE_VARIABLE, "contract passphrase, long enough");
    }
}
