package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.StandardFlow;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.PortRange;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.browser.BrowserLauncher;
import dev.entraauth.core.cache.AccessTokenCache;
import dev.entraauth.core.io.SecureFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code get-token} and {@code refresh}, and what both do with them: resolve the profile and
 * flow before any network call, acquire, and print only the token (or JSON) on standard output.
 */
final class TokenOptions {
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", description = "The profile.")
    String profileName;

    @Option(names = {"-f", "--flow"}, paramLabel = "FLOW",
            description = "ClientCredentials, AuthorizationCode, DeviceCode or InteractiveBrowser (any case; aliases too).")
    String flowName;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "Scope instead of the profile's; repeat, or separate with spaces or commas.")
    List<String> scopes;

    @Option(names = "--silent", description = "No messages on standard error, only errors.")
    boolean silent;

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Write the token to FILE (mode 0600) instead of standard output.")
    Path outputFile;

    @Mixin
    OutputOption output;

    @Option(names = "--port", paramLabel = "PORT", description = "Browser flows: listen on this loopback port.")
    Integer port;

    @Option(names = "--port-range", paramLabel = "A-B", description = "Browser flows: a free port in this range.")
    String portRange;

    @Option(names = "--show-url", description = "Browser flows: print the sign-in URL instead of opening a browser.")
    boolean showUrl;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Give up after this long: 90s, 5m, 1h (default: 5m; 15m for DeviceCode, a device code's lifetime).")
    Duration timeout;

    /** A device code lives 15 minutes at Entra: the default deadline lets a person use all of it. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEVICE_CODE_TIMEOUT = Duration.ofMinutes(15);

    /**
     * @param context the CLI context
     * @param force   skip the cache
     * @return the exit code
     */
    int acquire(CliContext context, boolean force) throws EntraAuthException {
        context.silent(silent);
        Interaction interaction = context.interaction();
        String name = profileName != null ? profileName
                : context.environment().getOrDefault(GetTokenCommand.PROFILE_VARIABLE, "default");
        Profile profile = context.profiles().get(name);
        Flow flow = flowName != null ? context.flows().resolve(flowName) : context.flows().infer(profile);
        if (needsDeviceCodeInstead(context, flow)) {
            interaction.info("No display detected. Falling back to device code flow.");
            flow = context.flows().resolve(StandardFlow.DeviceCode.name());
        }
        if (port != null && portRange != null) {
            throw new EntraAuthException(ExitCode.USAGE, "give --port or --port-range, not both");
        }
        if (port != null || portRange != null) {
            PortRange ports = ConfigCreateCommand.checked(() -> port != null ? new PortRange(port, port) : PortRange.parse(portRange));
            profile = profile.toBuilder().redirectPorts(ports).build();
        }
        if (!flow.canServe(profile)) {
            throw new EntraAuthException(ExitCode.USAGE, "the " + flow.name() + " flow cannot serve profile '" + profile.name()
                    + "' (auth method " + profile.authMethod() + "); choose another flow with -f");
        }
        List<String> wanted = scopes != null ? ProfileFieldOptions.splitScopes(scopes) : profile.scopes();
        if (wanted.isEmpty()) {
            throw new EntraAuthException(ExitCode.USAGE, "no scope: give --scope or set scopes on profile '" + profile.name() + "'");
        }
        // The hot path: a valid token from the CLI's own cache, without building the flow's client or a request.
        Optional<TokenResult> cached = force ? Optional.empty()
                : AccessTokenCache.find(context.vault(), profile, flow.name(), wanted, context.clock());
        TokenResult token;
        if (cached.isPresent()) {
            token = cached.get();
        } else {
            Duration deadline = timeout != null ? timeout
                    : StandardFlow.DeviceCode.name().equals(flow.name()) ? DEVICE_CODE_TIMEOUT : DEFAULT_TIMEOUT;
            token = flow.acquire(new TokenRequest(profile, wanted, force, deadline, showUrl), new CliFlowContext(context, interaction));
            AccessTokenCache.remember(context.vault(), context.home(), profile, flow.name(), wanted, token, context.clock());
        }
        if (token.fromCache()) {
            interaction.info(Symbols.check() + " Using cached token");
        }
        if (!silent) {   // as the cached-token path: the time is formatted only when the line is printed
            interaction.info("Token expires: " + LOCAL.format(token.expiresOn().atZone(ZoneId.systemDefault())));
        }
        if (!token.fromCache()) {
            interaction.info("Token saved to profile '" + profile.name() + "'");
        }
        SecretExpiryWarning.of(profile, context.clock().instant()).ifPresent(interaction::warn);
        String result = output.json() ? json(token, profile) : token.accessToken();
        print(context, interaction, result);
        return ExitCode.OK.code();
    }

    /**
     * The browser flow on a machine that cannot show a browser — Linux without DISPLAY or WAYLAND_DISPLAY, an SSH
     * session on macOS — and no way around it given: no {@code --show-url} and no {@code BROWSER} command. Only this
     * check, made before anything starts, switches to device code; a browser that fails to open never does
     * (SECURITY-CHECKLIST DF3).
     */
    private boolean needsDeviceCodeInstead(CliContext context, Flow flow) {
        return StandardFlow.InteractiveBrowser.name().equals(flow.name()) && !showUrl
                && context.environment().getOrDefault(BrowserLauncher.BROWSER, "").isBlank()
                && !BrowserLauncher.hasDisplay(context.environment());
    }

    private void print(CliContext context, Interaction interaction, String result) throws EntraAuthException {
        if (outputFile != null) {
            try {
                SecureFiles.writeAtomically(outputFile.toAbsolutePath(), (result + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new EntraAuthException(ExitCode.IO, "cannot write " + outputFile + ": " + e.getMessage(), e);
            }
            interaction.info(Symbols.check() + " Token saved to " + outputFile);
        } else {
            context.out().println(result);
        }
    }

    private String json(TokenResult token, Profile profile) throws EntraAuthException {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("access_token", token.accessToken());
        object.put("token_type", token.tokenType());
        object.put("expires_on", token.expiresOn().getEpochSecond());
        object.put("expires_at", token.expiresOn().toString());
        object.put("scopes", token.scopes());
        object.put("tenant_id", token.tenantId());
        object.put("profile", profile.name());
        StringWriter text = new StringWriter();
        ProfileView.json(new PrintWriter(text), object);
        return text.toString().strip();
    }

    /** Parses {@code 90s}, {@code 5m}, {@code 1h}, a number of seconds, or ISO-8601 ({@code PT5M}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            try {
                Duration d;
                if (v.startsWith("pt")) {
                    d = Duration.parse(v.toUpperCase(Locale.ROOT));
                } else if (v.endsWith("ms")) {
                    d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                } else if (v.endsWith("s")) {
                    d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
                } else if (v.endsWith("m")) {
                    d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
                } else if (v.endsWith("h")) {
                    d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
                } else {
                    d = Duration.ofSeconds(Long.parseLong(v));
                }
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("must be positive");
                }
                return d;
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("'" + value + "' is not a duration such as 90s, 5m or 1h");
            }
        }
    }
}
