package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code get-token}: an access token for a profile. Standard output carries only the token (or the JSON
 * object); messages go to standard error and disappear with {@code --silent}.
 */
@Command(name = "get-token", description = {
        "Get an access token. Prints only the token on standard output (or JSON with --output json).",
        "Without -p: $ENTRA_AUTH_CLI_PROFILE, else the profile 'default'. Without -f: the profile's default flow,",
        "else ClientCredentials for a secret or certificate and InteractiveBrowser otherwise.",
        "A cached token with more than 5 minutes left is printed without a request."},
        mixinStandardHelpOptions = true)
final class GetTokenCommand implements Callable<Integer> {
    static final String PROFILE_VARIABLE = "ENTRA_AUTH_CLI_PROFILE";
    private final CliContext context;

    @Mixin
    TokenOptions token;

    @Option(names = "--force", description = "Skip the token cache and get a new token.")
    boolean force;

    GetTokenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        return token.acquire(context, force);
    }
}
