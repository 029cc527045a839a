package dev.entraauth.api.store;

import java.util.Optional;
import java.util.Set;

/**
 * An opened secret store. Every operation is atomic with respect to other processes: a writer never
 * loses another process's update and a reader never sees a half-written state.
 */
public interface SecretVault {

    /**
     * @param key the secret's name
     * @return the secret's bytes (the caller clears them when done), or empty when absent
     * @throws StoreException when the store cannot be read
     */
    Optional<byte[]> read(SecretKey key) throws StoreException;

    /**
     * Stores or replaces a secret.
     *
     * @param key   the secret's name
     * @param value the bytes to keep; the vault copies them
     * @throws StoreException when the store cannot be written; the previous value is then kept
     */
    void write(SecretKey key, byte[] value) throws StoreException;

    /**
     * @param key the secret's name
     * @return whether a secret was removed
     * @throws StoreException when the store cannot be written
     */
    boolean delete(SecretKey key) throws StoreException;

    /**
     * @param profile a profile name
     * @return the keys of all secrets kept for that profile
     * @throws StoreException when the store cannot be read
     */
    Set<SecretKey> keys(String profile) throws StoreException;
}
