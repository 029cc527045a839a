package dev.entraauth.cli.command;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A secret store in memory, standing in for the platform store in CLI tests (the real stores have their
 * own tests in their modules and are exercised through the image in dist). It can be made to fail.
 */
final class MemorySecretStore implements SecretStore {
    final Map<String, byte[]> entries = new TreeMap<>();
    boolean failWrites;
    boolean failReads;
    boolean failOpen;

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public String description() {
        return "in-memory test store";
    }

    @Override
    public Availability availability(StoreContext context) {
        return Availability.available("in memory");
    }

    @Override
    public SecretVault open(StoreContext context) throws StoreException {
        if (failOpen) {
            throw new StoreException("the test store cannot be opened: wrong passphrase");
        }
        return new SecretVault() {
            @Override
            public Optional<byte[]> read(SecretKey key) throws StoreException {
                if (failReads) {
                    throw new StoreException("the test store is locked by another process");
                }
                return Optional.ofNullable(entries.get(key.qualifiedName())).map(byte[]::clone);
            }

            @Override
            public void write(SecretKey key, byte[] value) throws StoreException {
                if (failWrites) {
                    throw new StoreException("the test store refuses writes");
                }
                entries.put(key.qualifiedName(), value.clone());
            }

            @Override
            public boolean delete(SecretKey key) {
                return entries.remove(key.qualifiedName()) != null;
            }

            @Override
            public Set<SecretKey> keys(String profile) {
                return entries.keySet().stream().map(SecretKey::parse).filter(k -> k.profile().equals(profile))
                        .collect(Collectors.toSet());
            }
        };
    }

    String text(String qualifiedName) {
        byte[] value = entries.get(qualifiedName);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
