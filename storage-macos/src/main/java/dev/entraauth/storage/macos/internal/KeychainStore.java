package dev.entraauth.storage.macos.internal;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Secrets in the user's macOS Keychain, as generic passwords of service {@value KeychainVault#SERVICE} (see
 * {@link KeychainVault}), through the Security framework — never the {@code security} command, whose
 * arguments every local user can read.
 */
public final class KeychainStore implements SecretStore {
    private final String osName;
    private final String service;
    private final Supplier<Keychain> keychain;

    /** Creates the provider; does no I/O and loads no native code. */
    public KeychainStore() {
        this(System.getProperty("os.name", ""), KeychainVault.SERVICE, SecurityFramework::new);
    }

    /**
     * @param osName   the operating system's name, as {@code os.name} gives it
     * @param service  the items' service name ({@value KeychainVault#SERVICE})
     * @param keychain makes the Keychain binding when the store is opened
     */
    KeychainStore(String osName, String service, Supplier<Keychain> keychain) {
        this.osName = osName;
        this.service = service;
        this.keychain = keychain;
    }

    @Override
    public String id() {
        return "keychain";
    }

    @Override
    public String description() {
        return "the macOS Keychain (generic passwords, service " + KeychainVault.SERVICE + ")";
    }

    @Override
    public int weight() {
        return 100;
    }

    @Override
    public Availability availability(StoreContext context) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
            return Availability.unavailable("the Keychain exists only on macOS (this is " + osName + ")");
        }
        return Availability.available("default Keychain, service " + service);
    }

    @Override
    public SecretVault open(StoreContext context) throws StoreException {
        Availability availability = availability(context);
        if (!availability.available()) {
            throw new StoreException("secret store 'keychain' is not available: " + availability.reason());
        }
        try {
            return new KeychainVault(keychain.get(), service);
        } catch (UnsatisfiedLinkError e) {
            throw new StoreException("cannot load the macOS Security framework: " + e.getMessage(), e);
        }
    }
}
