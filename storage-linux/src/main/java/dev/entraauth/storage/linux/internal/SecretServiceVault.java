package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The opened Secret Service store: one item per secret. The Secret Service makes each change atomic, so two
 * processes writing different secrets never lose each other's.
 */
final class SecretServiceVault implements SecretVault {
    private final SecretService service;
    private final String home;

    SecretServiceVault(SecretService service, Path home) {
        this.service = service;
        this.home = home.toString();
    }

    private Map<String, String> attributes(SecretKey key) {
        return Map.of("application", SecretService.APPLICATION, "home", home, "profile", key.profile(), "kind", key.kind());
    }

    @Override
    public Optional<byte[]> read(SecretKey key) throws StoreException {
        return service.lookupSecret(attributes(key));
    }

    @Override
    public void write(SecretKey key, byte[] value) throws StoreException {
        service.storeSecret(attributes(key), "entra-auth-cli " + key.qualifiedName() + " (" + home + ")", value);
    }

    @Override
    public boolean delete(SecretKey key) throws StoreException {
        return service.clearSecret(attributes(key));
    }

    @Override
    public Set<SecretKey> keys(String profile) throws StoreException {
        Set<SecretKey> keys = new HashSet<>();
        for (String kind : service.searchSecrets(Map.of("application", SecretService.APPLICATION, "home", home,
                "profile", profile), "kind")) {
            try {
                keys.add(new SecretKey(profile, kind));
            } catch (IllegalArgumentException e) {
                // an item with our attributes that this CLI did not write: not one of its secrets
            }
        }
        return Set.copyOf(keys);
    }
}
