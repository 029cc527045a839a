package dev.entraauth.api;

import java.util.Optional;

/**
 * How a provider talks to the person running the command. Messages go to standard error (standard
 * output carries only results); prompts are possible only when a terminal is attached.
 */
public interface Interaction {

    /** {@return whether a person can answer prompts (a terminal is attached and prompting is allowed)} */
    boolean canPrompt();

    /**
     * Asks for a line of text.
     *
     * @param prompt the question, without a trailing colon
     * @return the answer, or empty when no one can be asked
     */
    Optional<String> readLine(String prompt);

    /**
     * Asks for a secret without echoing it. The caller clears the returned array when done.
     *
     * @param prompt the question, without a trailing colon
     * @return the secret, or empty when no one can be asked
     */
    Optional<char[]> readSecret(String prompt);

    /**
     * Prints an informational message on standard error, unless the user asked for silence.
     *
     * @param message one line, never a secret
     */
    void info(String message);

    /**
     * Prints what a person needs in order to go on — a device code and where to enter it — on standard error,
     * even in silent mode: {@code --silent} hides messages, not the sign-in it asks the person to complete.
     * Implementations that have no silent mode may leave the default, {@link #info}.
     *
     * @param message one line, never a secret
     */
    default void notice(String message) {
        info(message);
    }

    /**
     * Prints a warning on standard error; warnings are shown even in silent mode.
     *
     * @param message one line, never a secret
     */
    void warn(String message);

    /**
     * Prints a diagnostic line on standard error when the user asked for {@code --debug}; never a secret.
     *
     * @param message one line, redacted
     */
    default void debug(String message) {
    }
}
