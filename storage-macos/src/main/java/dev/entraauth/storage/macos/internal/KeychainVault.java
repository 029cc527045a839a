package dev.entraauth.storage.macos.internal;

import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets as generic passwords in the user's Keychain: service {@value #SERVICE}, account
 * {@code <profile>/<kind>} ({@link SecretKey#qualifiedName()}), label {@code entra-auth-cli: <profile>/<kind>}
 * (what Keychain Access shows). Writing adds the item, and updates it when it exists already (also when another
 * process added it in between). Each call is one Security framework call, atomic for other processes.
 * Every failure is one line naming the entry, what the status means and what to do; the secret never appears.
 */
final class KeychainVault implements SecretVault {
    static final String SERVICE = "entra-auth-cli";
    private static final int WRITE_ATTEMPTS = 3;

    private final Keychain keychain;
    private final String service;

    /**
     * @param keychain the Keychain binding
     * @param service  the items' service: {@value #SERVICE}, or another name that keeps a test's items apart
     */
    KeychainVault(Keychain keychain, String service) {
        this.keychain = keychain;
        this.service = service;
    }

    static String account(SecretKey key) {
        return key.qualifiedName();
    }

    private String label(SecretKey key) {
        return service + ": " + key.qualifiedName();
    }

    @Override
    public Optional<byte[]> read(SecretKey key) throws StoreException {
        Keychain.Result<byte[]> found = keychain.find(service, account(key));
        return switch (found.status()) {
            case OsStatus.SUCCESS -> Optional.of(found.value());
            case OsStatus.ITEM_NOT_FOUND -> Optional.empty();
            default -> throw failure("read", key, found.status());
        };
    }

    @Override
    public void write(SecretKey key, byte[] value) throws StoreException {
        int status = OsStatus.SUCCESS;
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            status = keychain.add(service, account(key), label(key), value);
            if (status != OsStatus.DUPLICATE_ITEM) {
                break;
            }
            status = keychain.update(service, account(key), value);
            if (status != OsStatus.ITEM_NOT_FOUND) {
                break; // not found: another process deleted it between add and update, so add again
            }
        }
        if (status != OsStatus.SUCCESS) {
            throw failure("store", key, status);
        }
    }

    @Override
    public boolean delete(SecretKey key) throws StoreException {
        int status = keychain.delete(service, account(key));
        return switch (status) {
            case OsStatus.SUCCESS -> true;
            case OsStatus.ITEM_NOT_FOUND -> false;
            default -> throw failure("delete", key, status);
        };
    }

    @Override
    public Set<SecretKey> keys(String profile) throws StoreException {
        Keychain.Result<List<String>> found = keychain.accounts(service);
        if (found.status() == OsStatus.ITEM_NOT_FOUND) {
            return Set.of();
        }
        if (found.status() != OsStatus.SUCCESS) {
            throw failure("list", "the secrets of profile '" + profile + "'", found.status());
        }
        Set<SecretKey> keys = new HashSet<>();
        for (String account : found.value()) {
            try {
                SecretKey key = SecretKey.parse(account);
                if (key.profile().equals(profile)) {
                    keys.add(key);
                }
            } catch (IllegalArgumentException e) {
                // an item of this service that this version did not write: not ours to list
            }
        }
        return Set.copyOf(keys);
    }

    private StoreException failure(String operation, SecretKey key, int status) {
        return failure(operation, "the secret '" + key + "'", status);
    }

    private StoreException failure(String operation, String what, int status) {
        String system = keychain.describe(status);
        String detail = system == null || system.isBlank() ? "OSStatus " + status
                : "OSStatus " + status + ": " + system.strip().replaceAll("\\s+", " ");
        return new StoreException("cannot " + operation + " " + what + " in the macOS Keychain (" + detail + "): "
                + OsStatus.meaning(status));
    }
}
