package dev.entraauth.cli.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code config}: the group of profile commands. */
@Command(name = "config", description = "Create, list, show, edit, delete, export and import profiles.",
        mixinStandardHelpOptions = true,
        subcommands = {
                ConfigCreateCommand.class,
                ConfigListCommand.class,
                ConfigShowCommand.class,
                ConfigEditCommand.class,
                ConfigDeleteCommand.class,
                ConfigExportCommand.class,
                ConfigImportCommand.class
        })
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: create, list, show, edit, delete, export or import");
    }
}
