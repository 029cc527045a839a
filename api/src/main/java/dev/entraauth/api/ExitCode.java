package dev.entraauth.api;

/**
 * The process exit codes of entra-auth-cli, one documented number per kind of outcome.
 *
 * <p>0–4 follow the JDK tools (ok, error, usage, system, abnormal); the codes above 4 let scripts tell
 * apart outcomes they can act on. Numbers never change meaning once released.
 */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** A failure that fits no more specific code. */
    ERROR(1),
    /** The command line or a value on it is invalid; nothing was done. */
    USAGE(2),
    /** A file or the operating system failed (permissions, disk, I/O). */
    IO(3),
    /** An unexpected internal failure (a bug): please report it with {@code --debug} output. */
    ABNORMAL(4),
    /** A configuration file (profiles.json, an import file) cannot be read or is invalid; it was left untouched. */
    CONFIG(5),
    /** The named profile (or other named item) does not exist. */
    NOT_FOUND(6),
    /** The item exists already and the command would overwrite it. */
    CONFLICT(7),
    /** The secret store is unavailable, locked, or the passphrase is wrong. */
    SECRET_STORE(8),
    /** No provider (flow, store) can serve the request; the message lists what is available. */
    NO_PROVIDER(9),
    /** Entra ID refused the application's credentials: unknown app, wrong or expired secret, bad certificate. */
    AUTHENTICATION(10),
    /** The request was refused for permissions: consent missing, invalid scope, not allowed for this flow. */
    AUTHORIZATION(11),
    /** A person must sign in again (MFA, password changed, refresh token expired). */
    INTERACTION_REQUIRED(12),
    /** Entra ID could not be reached: connection, TLS, DNS or proxy failure. */
    NETWORK(13),
    /** No answer within the time allowed ({@code --timeout}). */
    TIMEOUT(14),
    /** Entra ID answered with a server error or kept throttling after the retries. */
    SERVICE(15),
    /** The token is expired or not yet valid ({@code discover}, {@code inspect --verify}): scripts check expiry with it. */
    TOKEN_EXPIRED(16),
    /** {@code inspect --verify} rejected the token: its signature, issuer or audience is wrong, or its keys cannot be found. */
    TOKEN_REJECTED(17);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** {@return the number the process exits with} */
    public int code() {
        return code;
    }
}
