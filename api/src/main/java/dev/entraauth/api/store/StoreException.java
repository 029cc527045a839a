package dev.entraauth.api.store;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.io.Serial;

/** A secret store failed: unavailable, locked, wrong passphrase, damaged, or an I/O error. */
public class StoreException extends EntraAuthException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the store and what to do; never a secret
     */
    public StoreException(String message) {
        super(ExitCode.SECRET_STORE, message);
    }

    /**
     * @param message one line naming the store and what to do; never a secret
     * @param cause   the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(ExitCode.SECRET_STORE, message, cause);
    }

    /**
     * @param exitCode a more specific exit code, such as {@link ExitCode#IO}
     * @param message  one line naming the store and what to do; never a secret
     * @param cause    the underlying failure
     */
    public StoreException(ExitCode exitCode, String message, Throwable cause) {
        super(exitCode, message, cause);
    }
}
