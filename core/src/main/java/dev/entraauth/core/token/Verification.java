package dev.entraauth.core.token;

import dev.entraauth.api.ExitCode;
import java.util.List;
import java.util.Optional;

/**
 * What {@code inspect --verify} found: one line per check (algorithm, issuer, signature, audience, lifetime).
 *
 * @param checks the checks, in the order they ran
 */
public record Verification(List<Check> checks) {
    /** The label of a token whose signature was not checked. */
    public static final String NOT_VALIDATED = "decoded, not validated";
    /** What is said, exactly, about Microsoft Graph's tokens. */
    public static final String GRAPH_NONCE = "Microsoft Graph access tokens carry a nonce in their header; only Microsoft Graph"
            + " can verify their signature";

    /** How a check ended. */
    public enum Result {
        /** It holds. */
        PASSED,
        /** It does not hold. */
        FAILED,
        /** It was not checked; the detail says why. */
        SKIPPED
    }

    /**
     * One check.
     *
     * @param name   algorithm, issuer, signature, audience or lifetime
     * @param result how it ended
     * @param detail what was compared, or why it failed or was skipped
     */
    public record Check(String name, Result result, String detail) {
    }

    /** Copies the list. */
    public Verification {
        checks = List.copyOf(checks);
    }

    /** {@return the checks that failed} */
    public List<Check> failures() {
        return checks.stream().filter(c -> c.result() == Result.FAILED).toList();
    }

    /** {@return whether the signature was checked and holds} */
    public boolean signatureVerified() {
        return check("signature").map(c -> c.result() == Result.PASSED).orElse(false);
    }

    /**
     * @param name a check's name
     * @return that check, when it ran
     */
    public Optional<Check> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * {@return the exit code: 0 when nothing failed, {@link ExitCode#TOKEN_EXPIRED} when only the lifetime failed,
     * {@link ExitCode#TOKEN_REJECTED} when the algorithm, issuer, signature or audience failed}
     */
    public ExitCode exitCode() {
        List<Check> failed = failures();
        if (failed.isEmpty()) {
            return ExitCode.OK;
        }
        return failed.stream().allMatch(c -> c.name().equals("lifetime")) ? ExitCode.TOKEN_EXPIRED : ExitCode.TOKEN_REJECTED;
    }

    /** {@return one line that says what was validated} */
    public String label() {
        List<Check> failed = failures();
        if (!failed.isEmpty() && exitCode() == ExitCode.TOKEN_REJECTED) {
            Check first = failed.stream().filter(c -> !c.name().equals("lifetime")).findFirst().orElseThrow();
            return "REJECTED: " + first.name() + ": " + first.detail();
        }
        if (!signatureVerified()) {
            String why = check("signature").map(Check::detail).orElse("not checked");
            return NOT_VALIDATED + ": " + why + (failed.isEmpty() ? "" : "; " + failed.getFirst().detail());
        }
        if (!failed.isEmpty()) {
            return "signature and issuer verified, but " + failed.getFirst().detail();
        }
        boolean audience = check("audience").map(c -> c.result() == Result.PASSED).orElse(false);
        return audience ? "verified: signature, issuer, audience and lifetime"
                : "verified: signature, issuer and lifetime; audience not checked (give --audience)";
    }
}
