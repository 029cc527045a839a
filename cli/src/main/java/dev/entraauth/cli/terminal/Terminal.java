package dev.entraauth.cli.terminal;

import java.util.Optional;

/** Reads answers from a person. Implementations: the system console, and scripted ones in tests. */
public interface Terminal {

    /** {@return whether a person can answer (standard input and output are a terminal)} */
    boolean isInteractive();

    /**
     * @param prompt the question, shown as {@code prompt: }
     * @return the line typed, or empty at end of input or when not interactive
     */
    Optional<String> readLine(String prompt);

    /**
     * @param prompt the question, shown as {@code prompt: }; what is typed is not echoed
     * @return the secret typed, or empty at end of input or when not interactive
     */
    Optional<char[]> readSecret(String prompt);

    /** A terminal that cannot ask anything (standard input or output is not a terminal). */
    Terminal NONE = new Terminal() {
        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public Optional<String> readLine(String prompt) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> readSecret(String prompt) {
            return Optional.empty();
        }
    };
}
