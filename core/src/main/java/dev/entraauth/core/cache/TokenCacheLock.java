package dev.entraauth.core.cache;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.core.io.FileLocks;
import dev.entraauth.core.io.SecureFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The per-profile cross-process lock around every read-modify-write of a profile's token caches — msal's
 * ({@code VaultTokenCache}) and the CLI's own ({@link AccessTokenCache}): {@code <home>/locks/<profile>.token-cache.lock},
 * in a directory private to the owner, with the bounded wait of {@link FileLocks#DEFAULT_WAIT}. The secret store's
 * own lock covers only the write of its file: an entry read, changed and written back needs this lock, or a
 * concurrent process's change to the same entry is lost.
 */
public final class TokenCacheLock {

    private TokenCacheLock() {
    }

    /**
     * @param home    the CLI's home directory
     * @param profile the profile
     * @return the lock file of the profile's token caches
     */
    public static Path file(Path home, String profile) {
        return home.resolve("locks").resolve(profile + ".token-cache.lock");
    }

    /**
     * Takes the lock of a profile's token caches, creating its private directory if needed.
     *
     * @param home    the CLI's home directory
     * @param profile the profile
     * @return the held lock; close it to release
     * @throws EntraAuthException {@link ExitCode#IO} when another process holds the lock beyond the wait, or the
     *                            directory or file cannot be made
     */
    public static FileLocks.Held acquire(Path home, String profile) throws EntraAuthException {
        Path file = file(home, profile);
        try {
            SecureFiles.privateDirectory(file.getParent());
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot make the private directory " + file.getParent() + ": "
                    + e.getMessage(), e);
        }
        return FileLocks.acquire(file, FileLocks.DEFAULT_WAIT);
    }
}
