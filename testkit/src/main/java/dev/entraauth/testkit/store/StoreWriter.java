package dev.entraauth.testkit.store;

import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The second process of {@link SecretStoreContract}'s concurrency test: opens the store with the given id
 * (found with {@link ServiceLoader}) in the given home, with this process's environment, prints
 * {@code ready}, then writes {@code count} entries {@code <profile>/<prefix>-<i>} whose values are
 * {@link SecretStoreContract#valueFor}. Exits 0 when all were written, 1 with the error on stderr otherwise.
 */
public final class StoreWriter {
    private StoreWriter() {
    }

    /**
     * @param args store id, home directory, profile, key prefix, count
     */
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: StoreWriter <store-id> <home> <profile> <prefix> <count>");
            System.exit(2);
        }
        try {
            SecretStore store = ServiceLoader.load(SecretStore.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(s -> s.id().equals(args[0]))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no secret store '" + args[0] + "' on this module path"));
            SecretVault vault = store.open(ContractStoreContext.of(Path.of(args[1]), System.getenv()));
            System.out.println("ready");
            System.out.flush();
            int count = Integer.parseInt(args[4]);
            for (int i = 0; i < count; i++) {
                String kind = args[3] + "-" + i;
                vault.write(new SecretKey(args[2], kind), SecretStoreContract.valueFor(kind));
            }
            System.exit(0);
        } catch (Exception e) {
            System.err.println("StoreWriter: " + e);
            System.exit(1);
        }
    }
}
