package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.store.SecretStore;
import dev.entraauth.testkit.store.SecretStoreContract;
import java.util.List;
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

    /** The second writer sees no D-Bus session either, as this test's context does: both use the passphrase. */
    @Override
    protected ProcessBuilder writerProcess(List<String> writerArguments) {
        ProcessBuilder builder = super.writerProcess(writerArguments);
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        return builder;
    }
}
