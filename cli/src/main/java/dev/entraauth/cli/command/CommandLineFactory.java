package dev.entraauth.cli.command;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.command.CommandProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import picocli.CommandLine;

/**
 * Builds the command tree: the built-in commands, the hidden aliases the product documents use
 * ({@code create-profile}, {@code delete-profile}), commands contributed by modules, and the one error
 * policy of the CLI.
 */
public final class CommandLineFactory {
    private CommandLineFactory() {
    }

    /** The built-in commands by name, in the order help lists them; the two aliases last (hidden). */
    private static final Map<String, Class<?>> BUILT_IN = builtIn();
    private static final Set<String> ALIASES = Set.of("create-profile", "delete-profile");
    /** The root's options that take a value, so the command name after them can be found. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("--store", "--ca-bundle");

    private static Map<String, Class<?>> builtIn() {
        Map<String, Class<?>> commands = new LinkedHashMap<>();
        commands.put("config", ConfigCommand.class);
        commands.put("get-token", GetTokenCommand.class);
        commands.put("refresh", RefreshCommand.class);
        commands.put("clear-cache", ClearCacheCommand.class);
        commands.put("inspect", InspectCommand.class);
        commands.put("discover", DiscoverCommand.class);
        commands.put("plugins", PluginsCommand.class);
        commands.put("completion", CompletionCommand.class);
        commands.put("create-profile", ConfigCreateCommand.class);
        commands.put("delete-profile", ConfigDeleteCommand.class);
        return Collections.unmodifiableMap(commands);
    }

    /**
     * @param context what commands receive
     * @return the whole command tree (help, completion, listings)
     */
    public static CommandLine create(CliContext context) {
        return create(context, new String[0]);
    }

    /**
     * The command tree for one command line: when it names a built-in command (after the root's options), only that
     * command's branch is built; help, completion, a mistyped or missing command and plugin commands get the whole
     * tree, so their output and suggestions are unchanged.
     *
     * @param context what commands receive
     * @param args    the command line about to run
     * @return the configured command line
     */
    public static CommandLine create(CliContext context, String... args) {
        CommandLine.IFactory factory = new ContextFactory(context);
        CommandLine root = new CommandLine(new RootCommand(context), factory);
        Optional<String> invoked = invokedBuiltIn(args);
        for (Map.Entry<String, Class<?>> builtIn : BUILT_IN.entrySet()) {
            if (invoked.isEmpty() || invoked.get().equals(builtIn.getKey())) {
                CommandLine command = new CommandLine(builtIn.getValue(), factory);
                root.addSubcommand(builtIn.getKey(), ALIASES.contains(builtIn.getKey()) ? alias(builtIn.getKey(), command) : command);
            }
        }
        for (CommandProvider provider : context.commands().commands()) {
            if (BUILT_IN.containsKey(provider.name())) {
                context.interaction().warn("command '" + provider.name() + "' from module "
                        + provider.getClass().getModule().getName() + " clashes with a built-in command and is ignored");
            } else if (invoked.isEmpty()) {
                root.addSubcommand(provider.name(), new CommandLine(provider.command(context), factory));
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

    /**
     * The root's {@code --version} (or {@code -V}) alone, answered without building the command line: the version
     * provider's lines, as picocli prints them.
     *
     * @param context what commands receive
     * @param args    the command line
     * @return 0 when it was that; empty otherwise
     */
    public static OptionalInt version(CliContext context, String... args) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return OptionalInt.empty();
        }
        for (String line : new VersionProvider().getVersion()) {
            context.out().println(line);
        }
        return OptionalInt.of(ExitCode.OK.code());
    }

    /**
     * The built-in command the arguments invoke, when it is certain: "" for the root's {@code --version} alone (no
     * subcommand is needed), empty for "build everything".
     */
    static Optional<String> invokedBuiltIn(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return Optional.of("");
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--debug")) {
                continue;
            }
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
                continue;
            }
            if (arg.startsWith("--store=") || arg.startsWith("--ca-bundle=")) {
                continue;
            }
            return BUILT_IN.containsKey(arg) && !arg.equals("completion") ? Optional.of(arg) : Optional.empty();
        }
        return Optional.empty();
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
