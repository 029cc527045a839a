package dev.entraauth.cli.terminal;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Questions with validation: a wrong answer is explained and asked again (three tries); without a
 * terminal a question fails at once with the flag that answers it.
 */
public final class Prompts {
    private static final int TRIES = 3;
    private final Terminal terminal;
    private final PrintWriter err;

    /**
     * @param terminal where answers come from
     * @param err      where explanations go
     */
    public Prompts(Terminal terminal, PrintWriter err) {
        this.terminal = terminal;
        this.err = err;
    }

    /** {@return whether questions can be asked} */
    public boolean interactive() {
        return terminal.isInteractive();
    }

    /**
     * Asks for a value until it passes the check.
     *
     * @param prompt       the question
     * @param defaultValue shown in brackets and used for an empty answer, or null
     * @param flag         the flag that answers this question in a script, for the error without a terminal
     * @param check        validates and normalizes; throws {@link IllegalArgumentException} with the reason
     * @param <T>          the value type
     * @return the checked value
     * @throws EntraAuthException {@link ExitCode#USAGE} without a terminal or after three wrong answers
     */
    public <T> T ask(String prompt, String defaultValue, String flag, Function<String, T> check) throws EntraAuthException {
        for (int attempt = 1; ; attempt++) {
            String shown = defaultValue == null || defaultValue.isEmpty() ? prompt : prompt + " [" + defaultValue + "]";
            String answer = line(shown, flag).strip();
            if (answer.isEmpty() && defaultValue != null) {
                answer = defaultValue;
            }
            try {
                return check.apply(answer);
            } catch (IllegalArgumentException e) {
                if (attempt >= TRIES) {
                    throw new EntraAuthException(ExitCode.USAGE, e.getMessage());
                }
                err.println("  " + e.getMessage());
                err.flush();
            }
        }
    }

    /**
     * @param prompt the question
     * @param flag   the flag that answers it in a script
     * @return the text typed (possibly empty)
     * @throws EntraAuthException {@link ExitCode#USAGE} without a terminal
     */
    public String optional(String prompt, String flag) throws EntraAuthException {
        return line(prompt, flag).strip();
    }

    /**
     * @param prompt       a yes/no question
     * @param defaultValue the answer for an empty line
     * @param flag         the flag that answers it in a script
     * @return the answer
     * @throws EntraAuthException {@link ExitCode#USAGE} without a terminal
     */
    public boolean confirm(String prompt, boolean defaultValue, String flag) throws EntraAuthException {
        return ask(prompt + " (y/n)", defaultValue ? "y" : "n", flag, answer -> switch (answer.toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> true;
            case "n", "no" -> false;
            default -> throw new IllegalArgumentException("answer y or n");
        });
    }

    /**
     * Lets the person pick an option: with the arrow keys where the terminal allows it, else from a numbered
     * list (by number or by name).
     *
     * @param title        the heading
     * @param options      the options
     * @param defaultIndex the option for an empty answer, or -1
     * @param flag         the flag that answers it in a script
     * @param label        how an option is shown
     * @param <T>          the option type
     * @return the option picked
     * @throws EntraAuthException {@link ExitCode#USAGE} without a terminal
     */
    public <T> T choose(String title, List<T> options, int defaultIndex, String flag, Function<T, String> label)
            throws EntraAuthException {
        requireTerminal(flag);
        err.flush();
        java.util.Optional<Integer> selected = terminal.select(title, options.stream().map(label).toList(), Math.max(defaultIndex, 0));
        if (selected.isPresent()) {
            return options.get(selected.get());
        }
        err.println(title + ":");
        for (int i = 0; i < options.size(); i++) {
            err.println("  " + (i + 1) + ") " + label.apply(options.get(i)));
        }
        err.flush();
        String defaultText = defaultIndex >= 0 ? Integer.toString(defaultIndex + 1) : null;
        return ask("Select 1-" + options.size(), defaultText, flag, answer -> {
            try {
                int n = Integer.parseInt(answer);
                if (n >= 1 && n <= options.size()) {
                    return options.get(n - 1);
                }
            } catch (NumberFormatException e) {
                for (T option : options) {
                    if (label.apply(option).equalsIgnoreCase(answer)) {
                        return option;
                    }
                }
            }
            throw new IllegalArgumentException("type a number from 1 to " + options.size());
        });
    }

    /**
     * @param prompt the question; the answer is not echoed
     * @param flag   the flags that provide it in a script
     * @return the secret (possibly empty); the caller clears it
     * @throws EntraAuthException {@link ExitCode#USAGE} without a terminal
     */
    public char[] secret(String prompt, String flag) throws EntraAuthException {
        requireTerminal(flag);
        err.flush();
        return terminal.readSecret(prompt).orElseThrow(() -> endOfInput(prompt));
    }

    private String line(String prompt, String flag) throws EntraAuthException {
        requireTerminal(flag);
        err.flush();
        return terminal.readLine(prompt).orElseThrow(() -> endOfInput(prompt));
    }

    private void requireTerminal(String flag) throws EntraAuthException {
        if (!terminal.isInteractive()) {
            throw new EntraAuthException(ExitCode.USAGE, "missing " + flag + " (no terminal to ask on)");
        }
    }

    private static EntraAuthException endOfInput(String prompt) {
        return new EntraAuthException(ExitCode.USAGE, "no answer to '" + prompt + "' (end of input)");
    }
}
