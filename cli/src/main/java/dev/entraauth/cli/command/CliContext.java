package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.command.CommandContext;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.cli.terminal.Prompts;
import dev.entraauth.cli.terminal.Terminal;
import dev.entraauth.cli.terminal.TerminalInteraction;
import dev.entraauth.core.plugin.PluginLayer;
import dev.entraauth.core.profile.ProfileRepository;
import dev.entraauth.core.registry.CommandRegistry;
import dev.entraauth.core.registry.FlowRegistry;
import dev.entraauth.core.registry.SecretStoreRegistry;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything a command may use, built once per run by the entry point and handed to commands by the
 * picocli factory: streams, terminal, environment, home, clock, registries, and the secret vault,
 * opened on first use only.
 */
public final class CliContext implements StoreContext, CommandContext {
    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final Terminal terminal;
    private final Map<String, String> environment;
    private final Path home;
    private final Clock clock;
    private final Supplier<FlowRegistry> flows;
    private final Supplier<SecretStoreRegistry> stores;
    private final Supplier<CommandRegistry> commands;
    private final List<String> pluginProblems;
    private boolean debug;
    private boolean silent;
    private String storeId;
    private Path caBundle;
    private SecretStore openedStore;
    private SecretVault vault;
    private EntraAuthException vaultFailure;

    /**
     * @param streams     standard output, error and input
     * @param terminal    the terminal for prompts
     * @param environment the environment
     * @param home        the CLI's home directory
     * @param clock       the clock
     * @param registries  the provider registries (built lazily)
     */
    public CliContext(Streams streams, Terminal terminal, Map<String, String> environment, Path home, Clock clock,
                      Registries registries) {
        this.out = streams.out();
        this.err = streams.err();
        this.in = streams.in();
        this.terminal = Objects.requireNonNull(terminal);
        this.environment = Map.copyOf(environment);
        this.home = home;
        this.clock = clock;
        this.flows = registries.flows();
        this.stores = registries.stores();
        this.commands = registries.commands();
        this.pluginProblems = registries.pluginProblems();
    }

    /**
     * The process's standard streams.
     *
     * @param out standard output: results only
     * @param err standard error: messages
     * @param in  standard input
     */
    public record Streams(PrintWriter out, PrintWriter err, InputStream in) {
    }

    /**
     * The registries, each built on first use.
     *
     * @param flows    the flow registry
     * @param stores   the secret store registry
     * @param commands the command registry
     */
    public record Registries(Supplier<FlowRegistry> flows, Supplier<SecretStoreRegistry> stores,
                             Supplier<CommandRegistry> commands, List<String> pluginProblems) {
        /** Copies the problems. */
        public Registries {
            pluginProblems = List.copyOf(pluginProblems);
        }

        /**
         * Registries without plugins from outside (tests).
         *
         * @param flows    the flow registry
         * @param stores   the secret store registry
         * @param commands the command registry
         */
        public Registries(Supplier<FlowRegistry> flows, Supplier<SecretStoreRegistry> stores, Supplier<CommandRegistry> commands) {
            this(flows, stores, commands, List.of());
        }

        /**
         * @param layer the module layer to search
         * @return registries over that layer, each loaded once on first use
         */
        public static Registries of(ModuleLayer layer) {
            return new Registries(memoize(() -> FlowRegistry.load(layer)), memoize(() -> SecretStoreRegistry.load(layer)),
                    memoize(() -> CommandRegistry.load(layer)));
        }

        /**
         * @param plugins the plugins loaded from the plugins directory, over the boot layer
         * @return registries over the plugins' layer (and so the boot layer), with what was refused
         */
        public static Registries of(PluginLayer plugins) {
            ModuleLayer layer = plugins.layer();
            return new Registries(memoize(() -> FlowRegistry.load(layer)), memoize(() -> SecretStoreRegistry.load(layer)),
                    memoize(() -> CommandRegistry.load(layer)), plugins.problems());
        }

        private static <T> Supplier<T> memoize(Supplier<T> supplier) {
            return new Supplier<>() {
                private T value;

                @Override
                public T get() {
                    if (value == null) {
                        value = supplier.get();
                    }
                    return value;
                }
            };
        }
    }

    /** {@return standard output: only results (tokens, JSON, tables asked for)} */
    public PrintWriter out() {
        return out;
    }

    /** {@return standard error: prompts, progress, warnings, errors} */
    public PrintWriter err() {
        return err;
    }

    /** {@return standard input, for {@code --secret-stdin}} */
    public InputStream in() {
        return in;
    }

    /** {@return the terminal} */
    public Terminal terminal() {
        return terminal;
    }

    /** {@return questions with validation over the terminal} */
    public Prompts prompts() {
        return new Prompts(terminal, err);
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Path home() {
        return home;
    }

    /** {@return the clock} */
    public Clock clock() {
        return clock;
    }

    @Override
    public Interaction interaction() {
        return new TerminalInteraction(terminal, err, silent, debug);
    }

    /** {@return the flow registry} */
    public FlowRegistry flows() {
        return flows.get();
    }

    /** {@return the secret store registry} */
    public SecretStoreRegistry stores() {
        return stores.get();
    }

    /** {@return the command registry} */
    public CommandRegistry commands() {
        return commands.get();
    }

    /** {@return the profiles} */
    public ProfileRepository profiles() {
        return new ProfileRepository(home, flows());
    }

    /** {@return the plugin jars refused at start-up, one line each naming the jar and why} */
    public List<String> pluginProblems() {
        return pluginProblems;
    }

    /** {@return whether {@code --debug} was given: stack traces on errors} */
    public boolean debug() {
        return debug;
    }

    void debug(boolean value) {
        this.debug = value;
    }

    /** {@return whether informational messages are suppressed} */
    public boolean silent() {
        return silent;
    }

    void silent(boolean value) {
        this.silent = value;
    }

    void caBundle(Path value) {
        this.caBundle = value;
    }

    /** {@return the environment flows see: the process's, with {@code --ca-bundle} as ENTRA_AUTH_CLI_CA_BUNDLE} */
    Map<String, String> flowEnvironment() {
        if (caBundle == null) {
            return environment;
        }
        Map<String, String> merged = new java.util.HashMap<>(environment);
        merged.put("ENTRA_AUTH_CLI_CA_BUNDLE", caBundle.toAbsolutePath().toString());
        return Map.copyOf(merged);
    }

    void storeId(String value) {
        this.storeId = value;
    }

    /**
     * The store secrets go to: the one named by {@code --store} or {@code ENTRA_AUTH_CLI_STORE}, else the
     * best available.
     *
     * @return the chosen store
     * @throws EntraAuthException when none is available
     */
    public SecretStore store() throws EntraAuthException {
        if (openedStore == null) {
            openedStore = stores().select(this, Optional.ofNullable(storeId));
        }
        return openedStore;
    }

    /**
     * The vault, opened at most once per run: a failure is remembered too, so a passphrase is never asked twice
     * (the cached-token path and the full command line share this context).
     *
     * @return the opened secret vault
     * @throws EntraAuthException when no store is available or it cannot be opened
     */
    public SecretVault vault() throws EntraAuthException {
        if (vaultFailure != null) {
            throw vaultFailure;
        }
        if (vault == null) {
            try {
                SecretVault opened = store().open(this);
                if ((storeId == null || storeId.isBlank()) && environment.getOrDefault(SecretStoreRegistry.STORE_VARIABLE, "").isBlank()) {
                    SecretStoreRegistry.remember(this, openedStore);
                }
                vault = opened;
            } catch (EntraAuthException e) {
                vaultFailure = e;
                throw e;
            }
        }
        return vault;
    }
}
