package dev.entraauth.core.msal;

import dev.entraauth.api.EntraAuthException;
import java.io.Serial;

/**
 * A failure of the token cache's lock or store, carried through msal's cache callbacks (which may throw only
 * unchecked exceptions) and turned back into its own exit code and message by {@link MsalErrors}: a lock held by
 * another process is an I/O timeout naming the lock file, never a network error.
 */
final class CacheAccessException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    CacheAccessException(EntraAuthException failure) {
        super(failure.getMessage(), failure);
    }

    /** {@return the failure of the lock or the store, with its exit code} */
    EntraAuthException failure() {
        return (EntraAuthException) getCause();
    }
}
