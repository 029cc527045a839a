package dev.entraauth.core.io;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A secret vault kept as one file of all its entries ({@code profile/kind} → bytes), as the encrypted-file and
 * plaintext stores keep theirs. Reads take no lock (the file is always replaced atomically); every change re-reads the
 * file under a cross-process lock ({@code FILE.lock} beside it), applies itself and writes the whole file again, so
 * concurrent writers never lose each other's entries. A subclass says only how the file's bytes map to entries.
 */
public abstract class SecretMapFile implements SecretVault {
    /** The file. */
    protected final Path file;
    private final Path lockFile;

    /** @param file the file holding every entry */
    protected SecretMapFile(Path file) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    }

    /**
     * Reads every entry.
     *
     * @return the entries, in a map the caller may change; empty when the file does not exist
     * @throws StoreException when the file cannot be read or is damaged (it is left unchanged)
     */
    protected abstract Map<String, byte[]> load() throws StoreException;

    /**
     * @param entries every entry, to be written
     * @return the file's new bytes
     * @throws StoreException when they cannot be made (for example, no key)
     */
    protected abstract byte[] encode(Map<String, byte[]> entries) throws StoreException;

    @Override
    public Optional<byte[]> read(SecretKey key) throws StoreException {
        return Optional.ofNullable(load().get(key.qualifiedName())).map(byte[]::clone);
    }

    @Override
    public void write(SecretKey key, byte[] value) throws StoreException {
        byte[] copy = value.clone();
        change(entries -> entries.put(key.qualifiedName(), copy));
    }

    @Override
    public boolean delete(SecretKey key) throws StoreException {
        if (!Files.exists(file)) {
            return false;
        }
        boolean[] removed = new boolean[1];
        change(entries -> removed[0] = entries.remove(key.qualifiedName()) != null);
        return removed[0];
    }

    @Override
    public Set<SecretKey> keys(String profile) throws StoreException {
        return load().keySet().stream().map(SecretKey::parse).filter(k -> k.profile().equals(profile))
                .collect(Collectors.toUnmodifiableSet());
    }

    private void change(Consumer<Map<String, byte[]>> change) throws StoreException {
        try {
            SecureFiles.privateDirectory(file.getParent());
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        try (FileLocks.Held ignored = FileLocks.acquire(lockFile, FileLocks.DEFAULT_WAIT)) {
            Map<String, byte[]> entries = load();
            change.accept(entries);
            SecureFiles.writeAtomically(file, encode(entries));
        } catch (StoreException e) {
            throw e;
        } catch (EntraAuthException e) {
            throw new StoreException(e.exitCode(), e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot write " + file + ": " + e.getMessage() + " (the previous content was kept)", e);
        }
    }
}
