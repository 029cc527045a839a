package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a client secret or certificate password comes from: standard input, an environment variable or a
 * file — never a value on the command line, where other users' {@code ps} can read it. The options that
 * would take a literal secret exist only to refuse it with guidance.
 */
final class SecretInputOptions {
    private static final int MAX_SECRET_BYTES = 64 * 1024;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"--secret-stdin", "--client-secret-stdin"},
            description = "Read the client secret from standard input.")
    boolean secretStdin;

    @Option(names = "--secret-env", paramLabel = "VAR", description = "Read the client secret from environment variable VAR.")
    String secretEnv;

    @Option(names = "--secret-file", paramLabel = "PATH", description = "Read the client secret from a file.")
    Path secretFile;

    @Option(names = "--certificate-password-stdin", description = "Read the certificate (PFX) password from standard input.")
    boolean passwordStdin;

    @Option(names = "--certificate-password-env", paramLabel = "VAR",
            description = "Read the certificate password from environment variable VAR.")
    String passwordEnv;

    @Option(names = "--certificate-password-file", paramLabel = "PATH", description = "Read the certificate password from a file.")
    Path passwordFile;

    @Option(names = {"--client-secret", "--secret", "--certificate-password"}, hidden = true, arity = "0..1",
            paramLabel = "REFUSED")
    void refuseLiteral(String ignored) {
        throw new ParameterException(spec.commandLine(), "secrets are never taken as command-line values (other processes"
                + " can read them): use --secret-stdin, --secret-env VAR, --secret-file PATH or the prompt"
                + " (and --certificate-password-stdin/-env/-file for certificate passwords)");
    }

    boolean hasSecret() {
        return secretStdin || secretEnv != null || secretFile != null;
    }

    boolean hasPassword() {
        return passwordStdin || passwordEnv != null || passwordFile != null;
    }

    /** {@return the client secret from the given source, if one was given} */
    Optional<byte[]> secret(CliContext context) throws EntraAuthException {
        return read(context, secretStdin, secretEnv, secretFile, "client secret");
    }

    /** {@return the certificate password from the given source, if one was given} */
    Optional<byte[]> password(CliContext context) throws EntraAuthException {
        return read(context, passwordStdin, passwordEnv, passwordFile, "certificate password");
    }

    void checkExclusive() throws EntraAuthException {
        if (count(secretStdin, secretEnv, secretFile) > 1 || count(passwordStdin, passwordEnv, passwordFile) > 1) {
            throw new EntraAuthException(ExitCode.USAGE, "give each secret from one source only (stdin, env or file)");
        }
        if (secretStdin && passwordStdin) {
            throw new EntraAuthException(ExitCode.USAGE, "standard input can carry only one secret: use --certificate-password-env"
                    + " or --certificate-password-file for the password");
        }
    }

    private static int count(boolean stdin, String env, Path file) {
        return (stdin ? 1 : 0) + (env != null ? 1 : 0) + (file != null ? 1 : 0);
    }

    private static Optional<byte[]> read(CliContext context, boolean stdin, String env, Path file, String what)
            throws EntraAuthException {
        byte[] raw;
        if (stdin) {
            raw = readLimited(context.in(), what + " on standard input");
        } else if (env != null) {
            String value = context.environment().get(env);
            if (value == null) {
                throw new EntraAuthException(ExitCode.USAGE, "environment variable " + env + " is not set (it should hold the " + what + ")");
            }
            raw = value.getBytes(StandardCharsets.UTF_8);
        } else if (file != null) {
            try (InputStream input = Files.newInputStream(file)) {
                raw = readLimited(input, what + " file " + file);
            } catch (NoSuchFileException e) {
                throw new EntraAuthException(ExitCode.USAGE, "no " + what + " file " + file, e);
            } catch (IOException e) {
                throw new EntraAuthException(ExitCode.IO, "cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
            }
        } else {
            return Optional.empty();
        }
        byte[] trimmed = stripLineEnd(raw);
        Arrays.fill(raw, (byte) 0);
        if (trimmed.length == 0) {
            throw new EntraAuthException(ExitCode.USAGE, "the " + what + " is empty");
        }
        return Optional.of(trimmed);
    }

    private static byte[] readLimited(InputStream input, String what) throws EntraAuthException {
        try {
            byte[] bytes = input.readNBytes(MAX_SECRET_BYTES + 1);
            if (bytes.length > MAX_SECRET_BYTES) {
                throw new EntraAuthException(ExitCode.USAGE, "the " + what + " is larger than 64 KB");
            }
            return bytes;
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot read the " + what + ": " + e.getMessage(), e);
        }
    }

    private static byte[] stripLineEnd(byte[] raw) {
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(raw, end);
    }
}
