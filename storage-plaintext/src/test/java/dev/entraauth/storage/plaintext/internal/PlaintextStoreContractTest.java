package dev.entraauth.storage.plaintext.internal;

import dev.entraauth.api.store.SecretStore;
import dev.entraauth.testkit.store.SecretStoreContract;
import java.util.Map;

/** The plaintext store, opted in, passes the contract every store passes (except encryption at rest, which it has not). */
class PlaintextStoreContractTest extends SecretStoreContract {

    @Override
    protected SecretStore store() {
        return new PlaintextStore();
    }

    @Override
    protected Map<String, String> environment() {
        return Map.of(PlaintextStore.OPT_IN_VARIABLE, "1");
    }

    @Override
    protected boolean encryptsAtRest() {
        return false;
    }
}
