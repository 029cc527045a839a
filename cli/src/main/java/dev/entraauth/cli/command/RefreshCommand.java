package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code refresh -p NAME}: a new token, skipping the cache (the same as {@code get-token --force}). */
@Command(name = "refresh", description = {
        "Get a new token for a profile, skipping the cache, and cache it (get-token --force).",
        "Prints only the token on standard output (or JSON with --output json)."},
        mixinStandardHelpOptions = true)
final class RefreshCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    TokenOptions token;

    RefreshCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        return token.acquire(context, true);
    }
}
