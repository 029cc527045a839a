package com.example.entraauth.plugins;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code -f TokenCommand}: the token comes from a command's output, like a git credential helper — for a company SSO
 * tool or a hardware token that can print an access token. The command is {@code $EXAMPLE_TOKEN_COMMAND}, run with
 * {@code /bin/sh -c}; it learns the request from its environment ({@code ENTRA_AUTH_PROFILE}, {@code ENTRA_AUTH_TENANT},
 * {@code ENTRA_AUTH_CLIENT_ID}, {@code ENTRA_AUTH_SCOPES} space-separated) and prints {@code key=value} lines:
 * {@code access_token=…} (required) and {@code expires_in=SECONDS} (optional, default 3600). Nothing reaches its
 * command line, and its output is never echoed.
 */
public final class TokenCommandFlow implements Flow {
    /** The environment variable holding the command. */
    public static final String COMMAND_VARIABLE = "EXAMPLE_TOKEN_COMMAND";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** Creates the provider; does no I/O. */
    public TokenCommandFlow() {
    }

    @Override
    public String name() {
        return "TokenCommand";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("token-command");
    }

    @Override
    public String description() {
        return "a token printed by $" + COMMAND_VARIABLE + " (example plugin)";
    }

    @Override
    public boolean canServe(Profile profile) {
        return true;
    }

    @Override
    public TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException {
        String command = context.environment().get(COMMAND_VARIABLE);
        if (command == null || command.isBlank()) {
            throw new AuthException(ExitCode.CONFIG, "the TokenCommand flow needs $" + COMMAND_VARIABLE + ": the command that prints a token");
        }
        Profile profile = request.profile();
        Commands.Result result = Commands.run(List.of("/bin/sh", "-c", command), Map.of(
                "ENTRA_AUTH_PROFILE", profile.name(),
                "ENTRA_AUTH_TENANT", profile.tenantId(),
                "ENTRA_AUTH_CLIENT_ID", profile.clientId(),
                "ENTRA_AUTH_SCOPES", String.join(" ", request.scopes())), new byte[0], LIMIT);
        if (result.exitCode() != 0) {
            throw new AuthException(ExitCode.AUTHENTICATION, "$" + COMMAND_VARIABLE + " failed with exit code " + result.exitCode()
                    + result.errorLine().map(line -> ": " + line).orElse(""));
        }
        Map<String, String> fields = Commands.fields(result.text());
        String token = fields.get("access_token");
        if (token == null || token.isBlank()) {
            throw new AuthException(ExitCode.AUTHENTICATION, "$" + COMMAND_VARIABLE + " printed no access_token= line");
        }
        long seconds;
        try {
            seconds = Long.parseLong(fields.getOrDefault("expires_in", "3600").strip());
        } catch (NumberFormatException e) {
            throw new AuthException(ExitCode.AUTHENTICATION, "$" + COMMAND_VARIABLE + " printed an expires_in that is not a number");
        }
        Instant expires = context.clock().instant().plusSeconds(seconds);
        return new TokenResult(token.strip(), "Bearer", expires, request.scopes(), profile.tenantId(), false);
    }
}
