package dev.entraauth.storage.windows.internal;

import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.testkit.store.ContractStoreContext;
import dev.entraauth.testkit.store.SecretStoreContract;
import java.nio.file.Path;

/**
 * The contract's second writer process for {@link DpapiFileStoreContractTest}: the DPAPI store with the same
 * FAKE DPAPI user as the test, writing like testkit's {@code StoreWriter} (same arguments, {@code ready} first).
 */
public final class FakeDpapiStoreWriter {
    private FakeDpapiStoreWriter() {
    }

    /**
     * @param args store id (ignored), home, profile, key prefix, count
     */
    public static void main(String[] args) throws Exception {
        SecretVault vault = new DpapiFileStore("Windows (fake DPAPI)", FakeDpapi::sharedUser)
                .open(ContractStoreContext.of(Path.of(args[1]), System.getenv()));
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; i < Integer.parseInt(args[4]); i++) {
            String kind = args[3] + "-" + i;
            vault.write(new SecretKey(args[2], kind), SecretStoreContract.valueFor(kind));
        }
    }
}
