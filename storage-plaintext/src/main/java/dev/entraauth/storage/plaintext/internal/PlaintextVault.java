package dev.entraauth.storage.plaintext.internal;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.core.io.FileLocks;
import dev.entraauth.core.io.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The opened plaintext file: a comment line, then one line per secret, {@code profile/kind<TAB>base64 of the bytes}
 * (base64 only carries arbitrary bytes in a text file; it protects nothing). Reads take no lock (the file is
 * replaced atomically); every change re-reads it under a cross-process lock.
 */
final class PlaintextVault implements SecretVault {
    private static final String HEADER = "# entra-auth-cli secrets in PLAINTEXT (" + PlaintextStore.OPT_IN_VARIABLE
            + " was set). Values are base64, which is not encryption.\n";

    private final Path file;
    private final Path lockFile;
    private final Interaction interaction;

    PlaintextVault(Path file, Interaction interaction) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.interaction = interaction;
    }

    @Override
    public Optional<byte[]> read(SecretKey key) throws StoreException {
        return Optional.ofNullable(load().get(key.qualifiedName()));
    }

    @Override
    public void write(SecretKey key, byte[] value) throws StoreException {
        byte[] copy = value.clone();
        change(entries -> entries.put(key.qualifiedName(), copy));
        interaction.warn(key.qualifiedName() + " was written UNENCRYPTED to " + file + " (plaintext store, "
                + PlaintextStore.OPT_IN_VARIABLE + " is set); anyone who can read that file can use it");
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
            StringBuilder text = new StringBuilder(HEADER);
            entries.forEach((name, value) -> text.append(name).append('\t').append(Base64.getEncoder().encodeToString(value)).append('\n'));
            SecureFiles.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (StoreException e) {
            throw e;
        } catch (EntraAuthException e) {
            throw new StoreException(e.exitCode(), e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot write " + file + ": " + e.getMessage() + " (the previous content was kept)", e);
        }
    }

    private Map<String, byte[]> load() throws StoreException {
        String text;
        try {
            SecureFiles.tightenFile(file);
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> entries = new TreeMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            try {
                SecretKey.parse(line.substring(0, Math.max(tab, 0)));
                entries.put(line.substring(0, tab), Base64.getDecoder().decode(line.substring(tab + 1)));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new StoreException(file + " is damaged at line " + number + ". It was left unchanged", e);
            }
        }
        return entries;
    }
}
