package dev.entraauth.cli.terminal;

import java.io.Console;
import java.util.Optional;

/** The system console: available only when standard input and output are both a terminal. */
public final class ConsoleTerminal implements Terminal {
    private final Console console;

    private ConsoleTerminal(Console console) {
        this.console = console;
    }

    /** {@return the console terminal, or {@link Terminal#NONE} when there is no terminal} */
    public static Terminal system() {
        Console console = System.console();
        return console != null && console.isTerminal() ? new ConsoleTerminal(console) : Terminal.NONE;
    }

    @Override
    public boolean isInteractive() {
        return true;
    }

    @Override
    public Optional<String> readLine(String prompt) {
        return Optional.ofNullable(console.readLine("%s: ", prompt));
    }

    @Override
    public Optional<char[]> readSecret(String prompt) {
        return Optional.ofNullable(console.readPassword("%s: ", prompt));
    }
}
