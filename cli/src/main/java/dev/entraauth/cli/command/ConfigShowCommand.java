package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.profile.ProfileEntry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code config show -p NAME [--context]}: one profile's settings, or with {@code --context} the profile as
 * {@code Get-EntraContext} shows a connection; never a secret or a token.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = {
        "Show a profile's settings (never its secrets).",
        "--context: what the profile signs in as and with what, as Get-EntraContext shows it: client and tenant, the"
                + " certificate's thumbprints (SHA-1, SHA-256), auth type (AppOnly/Delegated), the scopes or roles of the cached"
                + " token, account, app name, environment and cloud.",
        ""})
final class ConfigShowCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ProfileOption profile;

    @Mixin
    OutputOption output;

    @Option(names = "--context", description = "Show the profile's context: what it signs in as and with what (Get-EntraContext).")
    boolean contextView;

    ConfigShowCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        Profile p = context.profiles().get(profile.name);
        if (contextView) {
            ProfileContext view = ProfileContext.of(context, p);
            if (output.json()) {
                ProfileView.json(context.out(), view.json());
            } else {
                view.print(context.out());
            }
        } else if (output.json()) {
            ProfileView.json(context.out(), ProfileEntry.of(p));
        } else {
            ProfileView.details(context.out(), p);
        }
        return ExitCode.OK.code();
    }
}
