package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.EntraEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    /** The passphrase of the encrypted-file store of an image made by {@link #against}. */
    static final String PASSPHRASE = "correct horse battery";

    final Map<String, String> environment = new HashMap<>();
    private Duration timeout = Duration.ofSeconds(60);

    Image(Path home) {
        assertTrue(Files.isExecutable(LAUNCHER), "no image at " + LAUNCHER + ": run ./mvnw verify");
        environment.put("ENTRA_AUTH_CLI_HOME", home.toString());
        environment.put("PATH", System.getenv("PATH"));
        environment.put("LANG", "C.UTF-8");
    }

    /**
     * The image against the emulator: it trusts the emulator's CA (written to {@code home/ca.pem}) and has the
     * encrypted-file store's passphrase ({@link #PASSPHRASE}) in its environment.
     */
    static Image against(EntraEmulator entra, Path home) throws IOException {
        Path ca = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
        return new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", PASSPHRASE).env("ENTRA_AUTH_CLI_CA_BUNDLE", ca.toString());
    }

    Image env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Sets how long a run may take before it is killed and fails the test (60 s unless set). */
    Image timeout(Duration value) {
        timeout = value;
        return this;
    }

    /** Creates a client-secret profile for the emulator's confidential app, with the given secret. */
    Result createSecretProfile(EntraEmulator entra, String name, String secret) {
        EntraEmulator.Seed seed = entra.seed();
        return runWithInput(secret + "\n", "config", "create", "--no-prompt", "--name", name,
                "--tenant-id", seed.tenant().id(), "--client-id", seed.confidentialApp().clientId(), "--secret-stdin",
                "--authority-host", entra.baseUrl(), "--scope", "https://graph.microsoft.com/.default");
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

    /**
     * Starts the launcher without waiting for it; its output is discarded and its standard input is empty. The
     * launcher is a shell script that execs the image's {@code java}, so the process is the CLI itself.
     */
    Process start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        try {
            Process process = builder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a shell command line with this image's environment (for umask, script). */
    Result shell(String script, String stdin) {
        return exec(List.of("/bin/sh", "-c", script), stdin, process -> { });
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    private Result exec(List<String> command, String stdin, Consumer<Process> whileRunning) {
        try {
            Process process = builder(command).start();
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            whileRunning.accept(process);
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process may exit without reading its input
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);   // the launcher's java, not only its shell
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + command);
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
