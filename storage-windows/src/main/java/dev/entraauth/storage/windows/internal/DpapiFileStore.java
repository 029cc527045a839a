package dev.entraauth.storage.windows.internal;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Secrets in files under {@code <home>/dpapi/}, one per entry, encrypted with DPAPI for the current Windows
 * user (see {@link DpapiFileVault}). Not the Credential Manager: its 2560-byte limit cannot hold a token cache.
 */
public final class DpapiFileStore implements SecretStore {
    private final String osName;
    private final Supplier<Dpapi> dpapi;

    /** Creates the provider; does no I/O and loads no native code. */
    public DpapiFileStore() {
        this(System.getProperty("os.name", ""), Crypt32Dpapi::new);
    }

    /**
     * @param osName the operating system's name, as {@code os.name} gives it
     * @param dpapi  makes the DPAPI binding when the store is opened
     */
    DpapiFileStore(String osName, Supplier<Dpapi> dpapi) {
        this.osName = osName;
        this.dpapi = dpapi;
    }

    @Override
    public String id() {
        return "dpapi";
    }

    @Override
    public String description() {
        return "files encrypted with Windows DPAPI for the current user";
    }

    @Override
    public int weight() {
        return 100;
    }

    @Override
    public Availability availability(StoreContext context) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Availability.unavailable("DPAPI exists only on Windows (this is " + osName + ")");
        }
        return Availability.available(context.home().resolve(DpapiFileVault.DIRECTORY) + " (DPAPI, current user)");
    }

    /** {@return whether the DPAPI directory exists in the home} */
    @Override
    public boolean holdsSecrets(StoreContext context) {
        return Files.isDirectory(context.home().resolve(DpapiFileVault.DIRECTORY));
    }

    @Override
    public SecretVault open(StoreContext context) throws StoreException {
        Availability availability = availability(context);
        if (!availability.available()) {
            throw new StoreException("secret store 'dpapi' is not available: " + availability.reason());
        }
        return new DpapiFileVault(context.home(), dpapi.get());
    }
}
