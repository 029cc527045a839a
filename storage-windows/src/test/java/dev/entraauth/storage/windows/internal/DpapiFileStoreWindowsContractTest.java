package dev.entraauth.storage.windows.internal;

import dev.entraauth.api.store.SecretStore;
import dev.entraauth.testkit.store.SecretStoreContract;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The DPAPI store with real DPAPI against the contract every store passes; only on Windows (the CI workflow's windows-latest job). */
@EnabledOnOs(OS.WINDOWS)
class DpapiFileStoreWindowsContractTest extends SecretStoreContract {

    @Override
    protected SecretStore store() {
        return new DpapiFileStore();
    }
}
