package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code config delete -p NAME} (alias {@code delete-profile --name NAME}): a profile and all its secrets. */
@Command(name = "delete", aliases = "rm", description = "Delete a profile and its secrets (client secret, certificate"
        + " password, cached tokens).", mixinStandardHelpOptions = true)
final class ConfigDeleteCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ProfileOption profile;

    @Option(names = {"--yes", "-y"}, description = "Do not ask for confirmation (required without a terminal).")
    boolean yes;

    ConfigDeleteCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        Profile existing = context.profiles().get(profile.name);
        if (!yes && !context.prompts().confirm("Delete profile '" + existing.name() + "' and its secrets?", false, "--yes")) {
            context.interaction().info("Nothing was deleted.");
            return ExitCode.OK.code();
        }
        SecretVault vault = context.vault();
        Set<SecretKey> keys = vault.keys(existing.name());
        for (SecretKey key : keys) {
            vault.delete(key);
        }
        context.profiles().delete(existing.name());
        context.interaction().info(Symbols.check() + " Profile '" + existing.name() + "' deleted"
                + (keys.isEmpty() ? "" : " with " + keys.size() + " secret" + (keys.size() == 1 ? "" : "s")));
        return ExitCode.OK.code();
    }
}
