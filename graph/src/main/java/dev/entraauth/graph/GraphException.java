package dev.entraauth.graph;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.io.Serial;
import java.util.List;

/**
 * A Microsoft Graph call that did not succeed, as one line for the user, the kind of problem (the CLI offers to
 * enter an existing secret after any of them), and the lines that may follow the message (causes, advice).
 */
public final class GraphException extends EntraAuthException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** 403: the signed-in account lacks the permission; exit {@link ExitCode#AUTHORIZATION}. */
        INSUFFICIENT_PERMISSIONS(ExitCode.AUTHORIZATION),
        /** 404: no such application; exit {@link ExitCode#NOT_FOUND}. */
        NOT_FOUND(ExitCode.NOT_FOUND),
        /** Graph could not be reached or did not answer; exit {@link ExitCode#NETWORK}. */
        NETWORK(ExitCode.NETWORK),
        /** 401: Graph refused the token; exit {@link ExitCode#AUTHENTICATION}. */
        UNAUTHENTICATED(ExitCode.AUTHENTICATION),
        /** Any other answer (4xx the CLI did not expect, 5xx after retries); exit {@link ExitCode#SERVICE}. */
        SERVICE(ExitCode.SERVICE);

        private final ExitCode exitCode;

        Problem(ExitCode exitCode) {
            this.exitCode = exitCode;
        }

        /** {@return the exit code of this problem} */
        public ExitCode exitCode() {
            return exitCode;
        }
    }

    private final Problem problem;
    private final transient List<String> details;

    /**
     * @param problem what went wrong
     * @param message one line
     * @param details lines that may follow it, possibly none
     */
    public GraphException(Problem problem, String message, List<String> details) {
        super(problem.exitCode(), message);
        this.problem = problem;
        this.details = List.copyOf(details);
    }

    /** {@return what went wrong} */
    public Problem problem() {
        return problem;
    }

    /** {@return the message and its details in one line, for a log or a script's stderr} */
    public String oneLine() {
        if (details.isEmpty()) {
            return getMessage();
        }
        StringBuilder line = new StringBuilder(getMessage());
        for (String detail : details) {
            String text = detail.startsWith("- ") ? detail.substring(2) : detail;
            line.append(line.charAt(line.length() - 1) == ':' ? " " : line.toString().endsWith(".") ? " " : "; ").append(text);
        }
        return line.toString();
    }

    /** {@return lines that may follow the message: causes or advice} */
    public List<String> details() {
        return details;
    }
}
