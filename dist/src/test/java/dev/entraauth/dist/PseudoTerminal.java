package dev.entraauth.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program run in a real pseudo-terminal (util-linux {@code script}), driven like a person: wait for a
 * prompt, then type the answer. Echo, no-echo prompts and {@code System.console()} behave as for a user.
 */
final class PseudoTerminal implements AutoCloseable {
    private final Process process;
    private final OutputStream keyboard;
    private final StringBuilder screen = new StringBuilder();
    private int mark;

    private PseudoTerminal(Process process) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (screen) {
                        screen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        screen.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the terminal closed
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    static PseudoTerminal start(String commandLine, Map<String, String> environment) throws IOException {
        return start(commandLine, environment, "dumb");
    }

    /** Starts the program in a terminal of the given type ({@code dumb}: no cursor movement, so no arrow-key lists). */
    static PseudoTerminal start(String commandLine, Map<String, String> environment, String term) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of("script", "-q", "-e", "-c", commandLine, "/dev/null"));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("TERM", term);
        builder.redirectErrorStream(true);
        return new PseudoTerminal(builder.start());
    }

    /** Waits until the text appears after what was already matched. */
    PseudoTerminal expect(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        synchronized (screen) {
            while (true) {
                int at = screen.indexOf(text, mark);
                if (at >= 0) {
                    mark = at + text.length();
                    return this;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && screen.indexOf(text, mark) < 0 && finishedReading()) {
                    throw new AssertionError("'" + text + "' did not appear; the screen shows:\n" + screen);
                }
                screen.wait(Math.max(1, Math.min(200, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    private boolean finishedReading() {
        return !process.isAlive();
    }

    /** Types a line and Enter. */
    PseudoTerminal type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        return this;
    }

    /** Presses keys without Enter (an arrow key is {@code "\u001b[B"}). */
    PseudoTerminal press(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        return this;
    }

    int exitCode() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("still running; the screen shows:\n" + screen());
        }
        return process.exitValue();
    }

    String screen() {
        synchronized (screen) {
            return screen.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
