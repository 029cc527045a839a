package dev.entraauth.cli.terminal;

import dev.entraauth.api.Interaction;
import java.io.PrintWriter;
import java.util.Optional;

/** The {@link Interaction} handed to providers: prompts through the terminal, messages to standard error. */
public final class TerminalInteraction implements Interaction {
    private final Terminal terminal;
    private final PrintWriter err;
    private final boolean silent;

    /**
     * @param terminal where answers come from
     * @param err      standard error
     * @param silent   whether informational messages are suppressed (warnings are not)
     */
    public TerminalInteraction(Terminal terminal, PrintWriter err, boolean silent) {
        this.terminal = terminal;
        this.err = err;
        this.silent = silent;
    }

    @Override
    public boolean canPrompt() {
        return terminal.isInteractive();
    }

    @Override
    public Optional<String> readLine(String prompt) {
        err.flush();
        return terminal.readLine(prompt);
    }

    @Override
    public Optional<char[]> readSecret(String prompt) {
        err.flush();
        return terminal.readSecret(prompt);
    }

    @Override
    public void info(String message) {
        if (!silent) {
            err.println(message);
            err.flush();
        }
    }

    @Override
    public void warn(String message) {
        err.println("Warning: " + message);
        err.flush();
    }
}
