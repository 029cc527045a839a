package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;

/**
 * Secrets as items of the Secret Service (GNOME Keyring, KWallet, KeePassXC) through libsecret, in the default
 * collection, schema {@value SecretService#SECRET_SCHEMA} with the attributes {@code application=entra-auth-cli},
 * {@code home} (the CLI home directory), {@code profile} and {@code kind}; the value is the base64 of the secret's
 * bytes. Available only after a write → read → delete probe that finished within 3 seconds.
 */
public final class SecretServiceStore implements SecretStore {
    /** Creates the provider; does no I/O and loads no native library. */
    public SecretServiceStore() {
    }

    @Override
    public String id() {
        return "secret-service";
    }

    @Override
    public String description() {
        return "the desktop keyring (Secret Service over D-Bus, through libsecret): GNOME Keyring, KWallet, KeePassXC";
    }

    @Override
    public int weight() {
        return 80;
    }

    @Override
    public Availability availability(StoreContext context) {
        return SecretService.availability(context.environment());
    }

    @Override
    public SecretVault open(StoreContext context) throws StoreException {
        return new SecretServiceVault(SecretService.reachable(context.environment()), context.home().toAbsolutePath().normalize());
    }
}
