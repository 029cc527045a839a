package dev.entraauth.cli.terminal;

import java.util.List;
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

    /**
     * Lets the person pick one option with the arrow keys, where the terminal allows it.
     *
     * @param title        the heading, shown as {@code title:}
     * @param options      the options as shown
     * @param defaultIndex the option marked first
     * @return the index picked; empty when this terminal cannot do it (the caller asks for a number instead)
     */
    default Optional<Integer> select(String title, List<String> options, int defaultIndex) {
        return Optional.empty();
    }

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
