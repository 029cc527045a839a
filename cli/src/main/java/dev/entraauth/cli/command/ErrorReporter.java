package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * The CLI's one error policy: a usage error is one line plus where to find help (exit 2); a failure is
 * one line, and its causes and stack trace are shown only with {@code --debug} (library messages may quote
 * input, so they are not printed by default). Nothing here echoes a value typed on the command line that
 * could be a secret.
 */
final class ErrorReporter {
    private final CliContext context;

    ErrorReporter(CliContext context) {
        this.context = context;
    }

    int parameterError(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = context.err();
        err.println("Error: " + safeMessage(e));
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                err.println("Did you mean: " + String.join(" or ", suggestions) + "?");
            }
        }
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        if (context.debug()) {
            e.printStackTrace(err);
        }
        return ExitCode.USAGE.code();
    }

    int executionError(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = context.err();
        int code;
        if (e instanceof EntraAuthException known) {
            err.println("Error: " + known.getMessage());
            code = known.exitCode().code();
        } else {
            err.println("Error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + ". This is a bug; run again with --debug and report the output");
            code = ExitCode.ABNORMAL.code();
        }
        if (context.debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static int exitCode(Throwable e) {
        return e instanceof EntraAuthException known ? known.exitCode().code() : ExitCode.ABNORMAL.code();
    }

    /** Picocli quotes unmatched arguments; a mistyped secret option must not be echoed with its value. */
    private static String safeMessage(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> names = unmatched.getUnmatched().stream()
                    .map(arg -> arg.startsWith("-") ? "'" + arg.split("=", 2)[0] + "'" : "a value")
                    .toList();
            return "unknown option or argument: " + String.join(", ", names);
        }
        return e.getMessage();
    }

}
