package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.profile.ProfileEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code config show -p NAME}: one profile's settings; never a secret. */
@Command(name = "show", description = "Show a profile's settings (never its secrets).", mixinStandardHelpOptions = true)
final class ConfigShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ProfileOption profile;

    @Mixin
    OutputOption output;

    ConfigShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        Profile p = context.profiles().get(profile.name);
        if (output.json()) {
            ProfileView.json(context.out(), ProfileEntry.of(p));
        } else {
            ProfileView.details(context.out(), p);
        }
        return ExitCode.OK.code();
    }
}
