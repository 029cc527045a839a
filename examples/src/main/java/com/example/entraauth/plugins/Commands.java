package com.example.entraauth.plugins;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program with input on stdin and a time limit; secrets travel only through stdin and stdout. */
final class Commands {
    private Commands() {
    }

    /**
     * @param output    standard output, whole
     * @param error     standard error, whole
     * @param exitCode  the exit code
     */
    record Result(byte[] output, String error, int exitCode) {
        String text() {
            return new String(output, StandardCharsets.UTF_8);
        }

        /** The first line of stderr, for a message (a program must not print secrets there). */
        Optional<String> errorLine() {
            String first = error.strip().lines().findFirst().orElse("");
            return first.isEmpty() ? Optional.empty() : Optional.of(first.length() > 200 ? first.substring(0, 200) : first);
        }
    }

    static Result run(List<String> command, Map<String, String> environment, byte[] input, Duration limit) throws AuthException {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new AuthException(ExitCode.CONFIG, "cannot run " + command.getFirst() + ": " + e.getMessage());
        }
        CompletableFuture<byte[]> out = read(process.getInputStream());
        CompletableFuture<byte[]> err = read(process.getErrorStream());
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input);
        } catch (IOException e) {
            // The program did not read its input; its exit code tells.
        }
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AuthException(ExitCode.TIMEOUT, command.getFirst() + " did not finish within " + limit.toSeconds() + " s");
            }
            return new Result(out.join(), new String(err.join(), StandardCharsets.UTF_8), process.exitValue());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AuthException(ExitCode.TIMEOUT, "interrupted while " + command.getFirst() + " ran");
        }
    }

    /** {@code key=value} lines; other lines are ignored. */
    static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals).strip(), line.substring(equals + 1));
            }
        }
        return fields;
    }

    private static CompletableFuture<byte[]> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return stream.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
    }
}
