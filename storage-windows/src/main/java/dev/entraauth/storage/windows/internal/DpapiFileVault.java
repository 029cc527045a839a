package dev.entraauth.storage.windows.internal;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.core.io.FileLocks;
import dev.entraauth.core.io.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One file per secret in {@code <home>/dpapi/}: {@value #MAGIC_TEXT}, a format byte, then the DPAPI blob of the
 * value, protected for the current user with entropy that names the application and the entry (a file copied
 * or renamed onto another entry does not decrypt). One file per entry keeps a token cache of any size apart
 * from the client secret, lets a damaged entry fail alone, and makes a write one atomic replace.
 *
 * <p>Writes and deletes hold the cross-process lock {@code <home>/dpapi.lock}; reads take no lock (files are
 * replaced atomically). On Windows a replace or read can meet a sharing violation while another program
 * (an indexer, a virus scanner) has the file open: those are retried for about a second.
 *
 * <p>A blob that does not decrypt is never rewritten or removed by a read: the error names the entry, its
 * file, and the command that stores it again.
 */
final class DpapiFileVault implements SecretVault {
    static final String DIRECTORY = "dpapi";
    static final String LOCK_FILE = "dpapi.lock";
    static final String MAGIC_TEXT = "EACDPAPI";
    private static final byte[] MAGIC = MAGIC_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final String ENTROPY_PREFIX = "entra-auth-cli/dpapi/v1/";
    static final int SHARING_RETRIES = 20;
    static final long SHARING_RETRY_MILLIS = 50;

    private final Path dir;
    private final Path lockFile;
    private final Dpapi dpapi;

    DpapiFileVault(Path home, Dpapi dpapi) {
        this.dir = home.resolve(DIRECTORY);
        this.lockFile = home.resolve(LOCK_FILE);
        this.dpapi = dpapi;
    }

    /** {@return the file that holds a secret} */
    Path file(SecretKey key) {
        return dir.resolve(EntryFiles.fileName(key));
    }

    @Override
    public Optional<byte[]> read(SecretKey key) throws StoreException {
        Path file = file(key);
        byte[] bytes;
        try {
            bytes = retryingSharingViolations(() -> Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length <= MAGIC.length || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || bytes[MAGIC.length] != FORMAT) {
            throw undecryptable(key, file, "not a DPAPI entry of this entra-auth-cli version", null);
        }
        byte[] blob = Arrays.copyOfRange(bytes, MAGIC.length + 1, bytes.length);
        try {
            return Optional.of(dpapi.unprotect(blob, entropy(key)));
        } catch (Dpapi.DpapiException e) {
            throw undecryptable(key, file, e.getMessage(), e);
        }
    }

    @Override
    public void write(SecretKey key, byte[] value) throws StoreException {
        Path file = file(key);
        byte[] blob;
        try {
            blob = dpapi.protect(value, entropy(key));
        } catch (Dpapi.DpapiException e) {
            throw new StoreException("cannot encrypt the secret '" + key + "' with DPAPI (" + e.getMessage()
                    + "); nothing was stored", e);
        }
        byte[] content = new byte[MAGIC.length + 1 + blob.length];
        System.arraycopy(MAGIC, 0, content, 0, MAGIC.length);
        content[MAGIC.length] = FORMAT;
        System.arraycopy(blob, 0, content, MAGIC.length + 1, blob.length);
        locked(file, () -> {
            retryingSharingViolations(() -> {
                SecureFiles.writeAtomically(file, content);
                return null;
            });
            return null;
        });
    }

    @Override
    public boolean delete(SecretKey key) throws StoreException {
        Path file = file(key);
        if (!Files.exists(file)) {
            return false;
        }
        return locked(file, () -> retryingSharingViolations(() -> Files.deleteIfExists(file)));
    }

    @Override
    public Set<SecretKey> keys(String profile) throws StoreException {
        Set<SecretKey> keys = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + EntryFiles.SUFFIX)) {
            for (Path file : files) {
                EntryFiles.keyOf(file.getFileName().toString()).filter(k -> k.profile().equals(profile)).ifPresent(keys::add);
            }
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        return Set.copyOf(keys);
    }

    private <T> T locked(Path file, IoAction<T> action) throws StoreException {
        try {
            SecureFiles.privateDirectory(dir);
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot create " + dir + ": " + e.getMessage(), e);
        }
        try (FileLocks.Held ignored = FileLocks.acquire(lockFile, FileLocks.DEFAULT_WAIT)) {
            return action.run();
        } catch (StoreException e) {
            throw e;
        } catch (EntraAuthException e) {
            throw new StoreException(e.exitCode(), e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot write " + file + ": " + e.getMessage() + " (the previous content was kept)", e);
        }
    }

    /** An I/O step that may be retried. */
    @FunctionalInterface
    interface IoAction<T> {
        T run() throws IOException;
    }

    /**
     * Runs an action again while it fails with {@link AccessDeniedException} — how Java reports a Windows
     * sharing violation — up to {@value #SHARING_RETRIES} times, {@value #SHARING_RETRY_MILLIS} ms apart.
     */
    static <T> T retryingSharingViolations(IoAction<T> action) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.run();
            } catch (AccessDeniedException e) {
                if (attempt >= SHARING_RETRIES) {
                    throw e;
                }
                try {
                    Thread.sleep(SHARING_RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static byte[] entropy(SecretKey key) {
        return (ENTROPY_PREFIX + key.qualifiedName()).getBytes(StandardCharsets.UTF_8);
    }

    private static StoreException undecryptable(SecretKey key, Path file, String why, Exception cause) {
        return new StoreException("cannot decrypt the secret '" + key + "' (" + file + "): " + why.replaceAll("[.\\s]+$", "")
                + ". It was encrypted by another Windows user or on another computer, or the file is damaged;"
                + " the file was left unchanged. " + recovery(key), cause);
    }

    /** {@return what the user runs to replace an entry that cannot be decrypted} */
    static String recovery(SecretKey key) {
        String profile = key.profile();
        return switch (key.kind()) {
            case SecretKey.CLIENT_SECRET -> "Store the client secret again: entra-auth-cli config edit -p " + profile + " --secret-stdin";
            case SecretKey.CERTIFICATE_PASSWORD -> "Store the certificate password again: entra-auth-cli config edit -p " + profile
                    + " --certificate-password-stdin";
            default -> key.kind().startsWith(SecretKey.TOKEN_CACHE)
                    ? "Forget the cached tokens: entra-auth-cli clear-cache -p " + profile
                    : "Delete the file to forget this entry, or remove the profile: entra-auth-cli config delete -p " + profile;
        };
    }
}
