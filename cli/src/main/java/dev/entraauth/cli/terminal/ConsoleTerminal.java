package dev.entraauth.cli.terminal;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The system console: available only when standard input and output are both a terminal. On a POSIX terminal
 * that can move the cursor ({@code TERM} set and not {@code dumb}), a choice is made with the arrow keys: the
 * terminal is put in non-canonical, no-echo mode with {@code stty} for the choice only, and restored afterwards
 * (also when the process is interrupted).
 */
public final class ConsoleTerminal implements Terminal {
    private static final File TTY = new File("/dev/tty");
    private static final int ESC = 27;
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

    @Override
    public Optional<Integer> select(String title, List<String> options, int defaultIndex) {
        String term = System.getenv("TERM");
        if (term == null || term.isBlank() || term.equals("dumb") || !TTY.canRead() || options.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> saved = stty("-g");
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        Thread restore = new Thread(() -> stty(saved.get()));
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            if (stty("-icanon", "-echo", "min", "1").isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(choose(title, options, Math.min(Math.max(defaultIndex, 0), options.size() - 1)));
        } catch (IOException e) {
            return Optional.empty();
        } finally {
            stty(saved.get());
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private int choose(String title, List<String> options, int start) throws IOException {
        PrintWriter screen = console.writer();
        Reader keys = console.reader();
        int current = start;
        screen.println(title + ": (\u2191/\u2193 to move, Enter to choose)");
        draw(screen, options, current);
        while (true) {
            int key = keys.read();
            int next = current;
            if (key < 0 || key == '\r' || key == '\n') {
                return current;
            } else if (key == ESC) {
                if (keys.read() == '[') {
                    int arrow = keys.read();
                    next = arrow == 'A' ? current - 1 : arrow == 'B' ? current + 1 : current;
                }
            } else if (key == 'k') {
                next = current - 1;
            } else if (key == 'j') {
                next = current + 1;
            } else if (key >= '1' && key <= '9' && key - '1' < options.size()) {
                next = key - '1';
            }
            next = Math.floorMod(next, options.size());
            if (next != current) {
                current = next;
                screen.print("\u001b[" + options.size() + "A");
                draw(screen, options, current);
            }
        }
    }

    private static void draw(PrintWriter screen, List<String> options, int current) {
        for (int i = 0; i < options.size(); i++) {
            screen.print("\r\u001b[2K" + (i == current ? "> " : "  ") + options.get(i) + "\n");
        }
        screen.flush();
    }

    /** Runs {@code stty} on the controlling terminal; empty when it fails. */
    private static Optional<String> stty(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("stty");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!process.waitFor(2, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(output);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
