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
import picocli.CommandLine.Option;

/**
 * {@code discover} has two modes. {@code discover -t TOKEN} (or {@code -}): the quick facts of a token, and an exit
 * code scripts use to check expiry: 0 while valid, {@link ExitCode#TOKEN_EXPIRED} once expired (or not yet
 * valid). {@code discover -s PATTERN --tenant T}: app registrations found in Microsoft Graph ({@link AppDiscovery}).
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        customSynopsis = {"entra-auth-cli discover (-t TOKEN | -) [--output FORMAT]",
                "       entra-auth-cli discover -s PATTERN [--tenant TENANT] [--cloud CLOUD | --authority-host URL] [--output FORMAT]"},
        description = {
                "Quick facts about a token: app-only or delegated, who, which app and tenant, audience, scopes or roles,"
                        + " version, and when it expires. Decoded, not validated (see 'inspect --verify').",
                "Exit code: 0 while the token is valid, 16 once it is expired or not yet valid.",
                "",
                "With -s: find app registrations by display name in Microsoft Graph ('MyApp*', '*api*'; signs in as you,"
                        + " needs Application.Read.All) and, on a terminal, save the one you pick as a profile.",
                ""})
final class DiscoverCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    TokenInput input;

    @Mixin
    OutputOption output;

    @Option(names = {"-s", "--search"}, paramLabel = "PATTERN",
            description = "Find app registrations whose display name matches PATTERN (* for any text).")
    String search;

    @Option(names = {"--tenant", "--tenant-id"}, paramLabel = "TENANT", description = "With -s: the tenant to search (GUID or domain).")
    String tenant;

    @Option(names = "--cloud", paramLabel = "CLOUD", description = "With -s: AzurePublic (default), AzureUSGovernment or AzureChina.")
    String cloud;

    @Option(names = "--authority-host", paramLabel = "URL", description = "With -s: a custom authority host (cloud Custom).")
    String authorityHost;

    DiscoverCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        if (search != null) {
            if (input.given()) {
                throw new EntraAuthException(ExitCode.USAGE, "give -s PATTERN or a token (-t TOKEN or -), not both");
            }
            return new AppDiscovery(context, context.prompts()).run(search, tenant, cloud, authorityHost, output.json());
        }
        if (tenant != null || cloud != null || authorityHost != null) {
            throw new EntraAuthException(ExitCode.USAGE, "--tenant, --cloud and --authority-host go with -s PATTERN");
        }
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
