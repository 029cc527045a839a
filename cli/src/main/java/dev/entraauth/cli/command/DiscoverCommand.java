package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.core.token.Jwt;
import dev.entraauth.core.token.TokenSummary;
import dev.entraauth.core.token.Verification;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code discover -t TOKEN} (or {@code -}): the quick facts of a token, and an exit code scripts use to check
 * expiry: 0 while valid, {@link ExitCode#TOKEN_EXPIRED} once expired (or not yet valid).
 *
 * <p>The command has one mode today; {@code discover -s NAME} (finding app registrations in Microsoft Graph and
 * saving one as a profile) becomes a second, chosen by its option, with this one staying the default.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        customSynopsis = "entra-auth-cli discover (-t TOKEN | -) [--output FORMAT]",
        description = {
                "Quick facts about a token: app-only or delegated, who, which app and tenant, audience, scopes or roles,"
                        + " version, and when it expires. Decoded, not validated (see 'inspect --verify').",
                "Exit code: 0 while the token is valid, 16 once it is expired or not yet valid.",
                ""})
final class DiscoverCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    TokenInput input;

    @Mixin
    OutputOption output;

    DiscoverCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        String token = input.read(context).orElseThrow(() -> new EntraAuthException(ExitCode.USAGE,
                "give a token: -t TOKEN, or '-' to read it from standard input"));
        return facts(Jwt.decode(token));
    }

    private int facts(Jwt jwt) throws EntraAuthException {
        Instant now = context.clock().instant();
        TokenSummary facts = TokenSummary.of(jwt);
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>(TokenView.factsJson(facts, now));
            json.put("validated", false);
            ProfileView.json(context.out(), json);
        } else {
            TokenView.labelled(context.out(), TokenView.facts(facts, now));
            context.out().println("(" + Verification.NOT_VALIDATED + "; 'inspect --verify' checks the signature)");
        }
        return switch (facts.status(now)) {
            case VALID, NO_EXPIRY -> ExitCode.OK.code();
            case EXPIRED, NOT_YET_VALID -> ExitCode.TOKEN_EXPIRED.code();
        };
    }
}
