package dev.entraauth.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code entra-auth-cli}: the root of the command tree and the options every command shares. Its subcommands are
 * added by {@link CommandLineFactory}, which builds only the invoked one.
 */
@Command(name = "entra-auth-cli",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = "Get OAuth2 access tokens from Microsoft Entra ID and manage the profiles behind them.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0 ok, 1 error, 2 usage, 3 I/O, 4 internal error, 5 invalid configuration file,",
                "  6 not found, 7 already exists, 8 secret store, 9 no provider,",
                "  10 credentials refused, 11 permission/scope refused, 12 sign-in required,",
                "  13 network, 14 timeout, 15 service error,",
                "  16 token expired or not yet valid (discover, inspect --verify),",
                "  17 token rejected (inspect --verify).",
                "Files live in ~/.entra-auth-cli (or $ENTRA_AUTH_CLI_HOME)."})
final class RootCommand implements Runnable {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    RootCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show stack traces and details of failures (secrets stay redacted).")
    void debug(boolean value) {
        context.debug(value);
    }

    @Option(names = "--store", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "Use this secret store (see 'plugins'); default: $ENTRA_AUTH_CLI_STORE, else the best available.")
    void store(String value) {
        context.storeId(value);
    }

    @Option(names = "--ca-bundle", paramLabel = "PEM", scope = ScopeType.INHERIT,
            description = "Trust these CA certificates too (PEM), besides the system's: TLS inspection, private clouds."
                    + " Default: $ENTRA_AUTH_CLI_CA_BUNDLE.")
    void caBundle(java.nio.file.Path value) {
        context.caBundle(value);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
