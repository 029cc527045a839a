package dev.entraauth.api;

import java.io.Serial;
import java.util.Objects;

/**
 * A failure the user can understand and act on: its message is one line, safe to print (it never holds
 * a secret or a token), and it carries the exit code the process ends with.
 */
public class EntraAuthException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    /**
     * @param exitCode the exit code of the process when this failure ends a command
     * @param message  one line for the user; never a secret
     */
    public EntraAuthException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = Objects.requireNonNull(exitCode);
    }

    /**
     * @param exitCode the exit code of the process when this failure ends a command
     * @param message  one line for the user; never a secret
     * @param cause    the underlying failure, shown only with {@code --debug}
     */
    public EntraAuthException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode);
    }

    /** {@return the exit code of the process when this failure ends a command} */
    public ExitCode exitCode() {
        return exitCode;
    }
}
