package dev.entraauth.api.command;

/** Contributes one subcommand, found with {@link java.util.ServiceLoader}. */
public interface CommandProvider {

    /** {@return the subcommand's name, unique among commands} */
    String name();

    /** {@return one line for {@code plugins}} */
    String description();

    /**
     * Creates the command object; called only when the command is about to run or show help.
     *
     * @param context what the CLI hands the command
     * @return an object annotated with {@code @picocli.CommandLine.Command}
     */
    Object command(CommandContext context);
}
