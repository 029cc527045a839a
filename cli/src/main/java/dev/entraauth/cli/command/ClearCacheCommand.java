package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clear-cache (-p NAME | --all)}: forget the cached tokens of one profile or of all; secrets stay. */
@Command(name = "clear-cache", description = "Forget cached tokens (of one profile, or of all, with the Microsoft Graph"
        + " sign-in); client secrets and certificate passwords are kept.", mixinStandardHelpOptions = true)
final class ClearCacheCommand implements Callable<Integer> {
    private final CliContext context;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = {"-p", "--profile"}, paramLabel = "NAME", description = "The profile.")
        String profile;

        @Option(names = "--all", description = "Every profile.")
        boolean all;
    }

    ClearCacheCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        List<Profile> profiles = which.all ? context.profiles().list() : List.of(context.profiles().get(which.profile));
        SecretVault vault = context.vault();
        List<String> names = new ArrayList<>(profiles.stream().map(Profile::name).toList());
        if (which.all) {
            names.add(GraphSession.SIGN_IN_PROFILE);   // the Graph sign-in of discover -s and "Create new"
        }
        int cleared = 0;
        for (String name : names) {
            for (SecretKey key : vault.keys(name)) {
                if (key.kind().startsWith(SecretKey.TOKEN_CACHE) && vault.delete(key)) {
                    cleared++;
                }
            }
        }
        context.interaction().info(Symbols.check() + " Cleared cached tokens of " + (which.all ? profiles.size() + " profile"
                + (profiles.size() == 1 ? "" : "s") : "profile '" + which.profile + "'") + (cleared == 0 ? " (there were none)" : ""));
        return ExitCode.OK.code();
    }
}
