package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.cache.AccessTokenCache;
import dev.entraauth.core.http.HttpSettings;
import dev.entraauth.core.token.Jwt;
import dev.entraauth.core.token.TokenSummary;
import dev.entraauth.core.token.TokenVerifier;
import dev.entraauth.core.token.Verification;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code inspect (-t TOKEN | - | --profile N)}: a token's header and claims with what they mean, labelled
 * "decoded, not validated" unless {@code --verify} checked it against its issuer's keys.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        customSynopsis = {"entra-auth-cli inspect (-t TOKEN | - | -p NAME [--scope SCOPE...])",
                "         [--claims | --header] [--output FORMAT]",
                "         [--verify [--audience AUD...] [--authority-host URL]]"},
        description = {
                "Show a token's header and claims, with what each means and its times in UTC and local time.",
                "The token comes from -t TOKEN, from standard input with '-' (safer: other local users cannot see it in the"
                        + " process list), or from a profile's cache with -p (the token itself is never printed).",
                "Without --verify the output is decoded, not validated. --verify checks the signature against the issuer's"
                        + " published keys (from its OpenID discovery document; cached 24 h), the issuer, the audience (with"
                        + " --audience) and the lifetime. Exit code: 16 when expired or not yet valid, 17 when rejected.",
                ""})
final class InspectCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    TokenInput input;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", description = "Inspect the token cached for this profile.")
    String profileName;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "With --profile: the cached token for these scopes (default: the newest).")
    List<String> scopes;

    @Option(names = "--verify", description = "Check the signature, issuer, audience and lifetime.")
    boolean verify;

    @Option(names = "--audience", paramLabel = "AUD",
            description = "With --verify: the audience to accept (the API's app id or identifier URI); repeat for several.")
    List<String> audiences;

    @Option(names = "--authority-host", paramLabel = "URL",
            description = "With --verify: trust this authority host's keys for the token's tenant"
                    + " (default: the profile's, else Microsoft's for a Microsoft issuer).")
    URI authorityHost;

    @Option(names = "--claims", description = "Print only the claims.")
    boolean claimsOnly;

    @Option(names = "--header", description = "Print only the header.")
    boolean headerOnly;

    @Mixin
    OutputOption output;

    InspectCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        if (claimsOnly && headerOnly) {
            throw new EntraAuthException(ExitCode.USAGE, "give --claims or --header, not both (without either, both are shown)");
        }
        if (!verify && (audiences != null || authorityHost != null)) {
            throw new EntraAuthException(ExitCode.USAGE, "--audience and --authority-host go with --verify");
        }
        if (scopes != null && profileName == null) {
            throw new EntraAuthException(ExitCode.USAGE, "--scope goes with --profile");
        }
        if (authorityHost != null && (!"https".equalsIgnoreCase(authorityHost.getScheme()) || authorityHost.getHost() == null)) {
            throw new EntraAuthException(ExitCode.USAGE, "--authority-host must be an https URL such as https://login.microsoftonline.com");
        }
        if (profileName != null && input.given()) {
            throw new EntraAuthException(ExitCode.USAGE, "give one token: -t TOKEN, '-' or --profile NAME");
        }
        Optional<Profile> profile = profileName == null ? Optional.empty() : Optional.of(context.profiles().get(profileName));
        Jwt jwt;
        if (profile.isPresent()) {
            jwt = Jwt.decode(cached(profile.get()).accessToken());
        } else {
            jwt = Jwt.decode(input.read(context).orElseThrow(() -> new EntraAuthException(ExitCode.USAGE,
                    "give a token: -t TOKEN, '-' to read it from standard input, or --profile NAME")));
        }
        Instant now = context.clock().instant();
        Verification verification = null;
        if (verify) {
            Optional<URI> host = Optional.ofNullable(authorityHost).or(() -> profile.map(Profile::effectiveAuthorityHost));
            TokenVerifier verifier = new TokenVerifier(HttpSettings.from(context.flowEnvironment(), context.interaction()::debug),
                    context.home(), context.clock());
            verification = verifier.verify(jwt, host, audiences == null ? List.of() : audiences);
        }
        String label = verification == null
                ? Verification.NOT_VALIDATED + " (--verify checks it against the issuer's keys)" : verification.label();
        if (output.json()) {
            printJson(jwt, now, label, verification);
        } else {
            printText(jwt, now, label, verification);
        }
        int code = verification == null ? ExitCode.OK.code() : verification.exitCode().code();
        if (code != ExitCode.OK.code()) {
            context.err().println("Error: " + TokenView.safe(verification.label()));
        }
        return code;
    }

    private TokenResult cached(Profile profile) throws EntraAuthException {
        List<TokenResult> tokens = AccessTokenCache.all(context.vault(), profile.name());
        List<String> wanted = scopes == null ? null : ProfileFieldOptions.splitScopes(scopes);
        for (int i = tokens.size() - 1; i >= 0; i--) {
            if (wanted == null || new HashSet<>(tokens.get(i).scopes()).equals(new HashSet<>(wanted))) {
                return tokens.get(i);
            }
        }
        throw new EntraAuthException(ExitCode.NOT_FOUND, "no cached token for profile '" + profile.name() + "'"
                + (wanted == null ? "" : " and scopes " + String.join(" ", wanted))
                + "; get one with 'entra-auth-cli get-token -p " + profile.name() + "'");
    }

    private void printText(Jwt jwt, Instant now, String label, Verification verification) {
        var out = context.out();
        out.println("JWT, " + TokenView.safe(jwt.algorithm()) + ", " + jwt.signatureLength() + "-byte signature: " + TokenView.safe(label));
        if (!claimsOnly) {
            out.println();
            TokenView.headerTable(out, jwt);
        }
        if (!headerOnly) {
            out.println();
            TokenView.claimsTable(out, jwt, now);
        }
        if (verification != null) {
            out.println();
            TokenView.verificationTable(out, verification);
        }
        if (!claimsOnly && !headerOnly) {
            TokenSummary facts = TokenSummary.of(jwt);
            out.println();
            out.println(facts.expiresAt() == null ? "No expiry ('exp' missing)."
                    : "Expires " + TokenView.time(facts.expiresAt()) + ": " + facts.timeLeftText(now) + ".");
        }
    }

    private void printJson(Jwt jwt, Instant now, String label, Verification verification) throws EntraAuthException {
        if (claimsOnly || headerOnly) {
            context.err().println(TokenView.safe(label));
            ProfileView.json(context.out(), claimsOnly ? jwt.claims() : jwt.header());
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("validated", verification != null && verification.signatureVerified() && verification.failures().isEmpty());
        json.put("label", label);
        json.put("header", jwt.header());
        json.put("claims", jwt.claims());
        json.put("summary", TokenView.factsJson(TokenSummary.of(jwt), now));
        if (verification != null) {
            json.put("verification", TokenView.verificationJson(verification));
        }
        ProfileView.json(context.out(), json);
    }
}
