package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.Profile;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code config list}: every profile, as a table or JSON. */
@Command(name = "list", aliases = "ls", description = "List profiles.", mixinStandardHelpOptions = true)
final class ConfigListCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    OutputOption output;

    ConfigListCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        List<Profile> profiles = context.profiles().list();
        if (output.json()) {
            ProfileView.json(context.out(), ProfileView.entries(profiles));
        } else if (profiles.isEmpty()) {
            context.interaction().info("No profiles yet. Create one with 'entra-auth-cli config create'.");
        } else {
            ProfileView.table(context.out(), profiles);
        }
        return ExitCode.OK.code();
    }
}
