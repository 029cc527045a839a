package dev.entraauth.cli.command;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.command.CommandProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import picocli.CommandLine;

/**
 * Builds the command tree: the built-in commands, the hidden aliases the product documents use
 * ({@code create-profile}, {@code delete-profile}), commands contributed by modules, and the one error
 * policy of the CLI.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /**
     * @param context what commands receive
     * @return the configured command line
     */
    public static CommandLine create(CliContext context) {
        CommandLine.IFactory factory = new ContextFactory(context);
        CommandLine root = new CommandLine(new RootCommand(context), factory);
        root.addSubcommand("create-profile", alias("create-profile", new CommandLine(ConfigCreateCommand.class, factory)));
        root.addSubcommand("delete-profile", alias("delete-profile", new CommandLine(ConfigDeleteCommand.class, factory)));
        for (CommandProvider provider : context.commands().commands()) {
            if (!root.getSubcommands().containsKey(provider.name())) {
                root.addSubcommand(provider.name(), new CommandLine(provider.command(context), factory));
            } else {
                context.interaction().warn("command '" + provider.name() + "' from module "
                        + provider.getClass().getModule().getName() + " clashes with a built-in command and is ignored");
            }
        }
        ErrorReporter errors = new ErrorReporter(context);
        root.setOut(context.out())
                .setErr(context.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setExitCodeExceptionMapper(ErrorReporter::exitCode)
                .setParameterExceptionHandler(errors::parameterError)
                .setExecutionExceptionHandler(errors::executionError);
        root.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        root.getCommandSpec().exitCodeOnExecutionException(ExitCode.ABNORMAL.code());
        return root;
    }

    private static CommandLine alias(String name, CommandLine alias) {
        alias.getCommandSpec().name(name).usageMessage().hidden(true);
        return alias;
    }

    /** Creates command objects, handing the context to constructors that take it. */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> constructor = type.getDeclaredConstructor(CliContext.class);
                return constructor.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }
}
