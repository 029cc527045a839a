package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The built jlink image, run as a real process the way a user runs it. */
final class Image {
    static final Path DIR = Path.of(System.getProperty("entraauth.image", "target/entra-auth-cli"));
    static final Path LAUNCHER = DIR.resolve("bin/entra-auth-cli");

    final Map<String, String> environment = new HashMap<>();

    Image(Path home) {
        assertTrue(Files.isExecutable(LAUNCHER), "no image at " + LAUNCHER + ": run ./mvnw verify");
        environment.put("ENTRA_AUTH_CLI_HOME", home.toString());
        environment.put("PATH", System.getenv("PATH"));
        environment.put("LANG", "C.UTF-8");
    }

    Image env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The result of one run. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        return runWhileStarted(stdin, process -> { }, args);
    }

    /**
     * Runs the launcher; {@code whileRunning} sees the process before its standard input is written and closed.
     */
    Result runWhileStarted(String stdin, Consumer<Process> whileRunning, String... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        return exec(command, stdin, whileRunning);
    }

    /** Runs a shell command line with this image's environment (for umask, script). */
    Result shell(String script, String stdin) {
        return exec(List.of("/bin/sh", "-c", script), stdin, process -> { });
    }

    private Result exec(List<String> command, String stdin, Consumer<Process> whileRunning) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            whileRunning.accept(process);
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process may exit without reading its input
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
