package dev.entraauth.storage.macos.internal;

import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.testkit.store.ContractStoreContext;
import dev.entraauth.testkit.store.SecretStoreContract;
import java.nio.file.Path;

/**
 * The contract's second writer process for {@link KeychainStoreMacContractTest}: the real Keychain store under
 * the test's service name, writing like testkit's {@code StoreWriter} ({@code ready} first).
 */
public final class KeychainStoreWriter {
    private KeychainStoreWriter() {
    }

    /**
     * @param args service, then StoreWriter's: store id (ignored), home, profile, key prefix, count
     */
    public static void main(String[] args) throws Exception {
        SecretVault vault = new KeychainStore(System.getProperty("os.name"), args[0], SecurityFramework::new)
                .open(ContractStoreContext.of(Path.of(args[2]), System.getenv()));
        System.out.println("ready");
        System.out.flush();
        for (int i = 0; i < Integer.parseInt(args[5]); i++) {
            String kind = args[4] + "-" + i;
            vault.write(new SecretKey(args[3], kind), SecretStoreContract.valueFor(kind));
        }
    }
}
