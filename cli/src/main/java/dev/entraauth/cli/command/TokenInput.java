package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.core.token.Jwt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Where {@code inspect} and {@code discover} take a token from: {@code -t TOKEN}, or {@code -} (or {@code -t -})
 * for standard input, which keeps it out of the process list where other local users can read {@code -t}'s
 * value ({@code /proc/PID/cmdline}). Nothing here ever repeats the token in a message.
 */
final class TokenInput {
    static final String STDIN = "-";

    @Option(names = {"-t", "--token"}, paramLabel = "TOKEN",
            description = "The token ('-': read it from standard input). Other local users can see a token given here in the"
                    + " process list: prefer '-' and standard input.")
    String token;

    /** Hidden: the commands show {@code -} in their synopsis (picocli's completion cannot name a parameter "-"). */
    @Parameters(arity = "0..1", paramLabel = "STDIN", hidden = true, description = "'-': read the token from standard input.")
    String positional;

    /** {@return whether a token was given on the command line or standard input was asked for} */
    boolean given() {
        return token != null || positional != null;
    }

    /**
     * @param context the CLI context, for standard input
     * @return the token text, or empty when none was given
     * @throws EntraAuthException {@link ExitCode#USAGE} for an argument other than {@code -}, both forms, or
     *                            nothing (or more than 64 KB) on standard input
     */
    Optional<String> read(CliContext context) throws EntraAuthException {
        if (positional != null && !positional.equals(STDIN)) {
            throw new EntraAuthException(ExitCode.USAGE, "unexpected argument (not shown): give the token with -t TOKEN,"
                    + " or '-' to read it from standard input");
        }
        if (positional != null && token != null) {
            throw new EntraAuthException(ExitCode.USAGE, "give -t TOKEN or '-', not both");
        }
        if (positional == null && token == null) {
            return Optional.empty();
        }
        if (token != null && !token.equals(STDIN)) {
            return Optional.of(token);
        }
        byte[] data;
        try {
            data = context.in().readNBytes(Jwt.MAX_LENGTH + 1);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot read standard input: " + e.getMessage(), e);
        }
        if (data.length > Jwt.MAX_LENGTH) {
            throw new EntraAuthException(ExitCode.USAGE, "the token on standard input is longer than 64 KB; not a token from Entra ID");
        }
        String text = new String(data, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new EntraAuthException(ExitCode.USAGE, "no token on standard input");
        }
        return Optional.of(text);
    }
}
