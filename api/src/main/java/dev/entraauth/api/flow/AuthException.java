package dev.entraauth.api.flow;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.io.Serial;

/** A token could not be acquired; the message is one line with the Entra error code when there is one. */
public class AuthException extends EntraAuthException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param exitCode the exit code
     * @param message  one line, with the AADSTS code and a hint when there is one; never a secret
     */
    public AuthException(ExitCode exitCode, String message) {
        super(exitCode, message);
    }

    /**
     * @param exitCode the exit code
     * @param message  one line, with the AADSTS code and a hint when there is one; never a secret
     * @param cause    the underlying failure
     */
    public AuthException(ExitCode exitCode, String message, Throwable cause) {
        super(exitCode, message, cause);
    }
}
