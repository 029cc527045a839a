package dev.entraauth.cli.terminal;

import dev.entraauth.api.Interaction;
import java.io.PrintWriter;
import java.util.Optional;

/** The {@link Interaction} handed to providers: prompts through the terminal, messages to standard error. */
public final class TerminalInteraction implements Interaction {
    private final Terminal terminal;
    private final PrintWriter err;
    private final boolean silent;
    private final boolean debug;

    /**
     * @param terminal where answers come from
     * @param err      standard error
     * @param silent   whether informational messages are suppressed (warnings are not)
     * @param debug    whether diagnostic lines are shown ({@code --debug})
     */
    public TerminalInteraction(Terminal terminal, PrintWriter err, boolean silent, boolean debug) {
        this.terminal = terminal;
        this.err = err;
        this.silent = silent;
        this.debug = debug;
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
    public void notice(String message) {
        err.println(message);
        err.flush();
    }

    @Override
    public void debug(String message) {
        if (debug) {
            err.println("[debug] " + message);
            err.flush();
        }
    }

    @Override
    public void warn(String message) {
        err.println("Warning: " + message);
        err.flush();
    }
}
