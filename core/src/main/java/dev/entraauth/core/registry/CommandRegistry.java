package dev.entraauth.core.registry;

import dev.entraauth.api.command.CommandProvider;
import dev.entraauth.api.store.Availability;
import java.util.List;
import java.util.ServiceLoader;

/** The commands contributed by modules, found with {@link ServiceLoader}. */
public final class CommandRegistry {
    private final Providers<CommandProvider> commands;

    private CommandRegistry(Providers<CommandProvider> commands) {
        this.commands = commands;
    }

    /**
     * @param layer the module layer to search
     * @return the registry of the command providers in that layer and its parents
     */
    public static CommandRegistry load(ModuleLayer layer) {
        return new CommandRegistry(
                new Providers<>(ServiceLoader.load(layer, CommandProvider.class), CommandProvider::name, "command"));
    }

    /**
     * @param commands the providers to use
     * @return a registry of exactly these providers
     */
    public static CommandRegistry of(List<CommandProvider> commands) {
        return new CommandRegistry(new Providers<>(commands, CommandProvider::name, "command"));
    }

    /** {@return the contributed commands, ordered by name} */
    public List<CommandProvider> commands() {
        return commands.all();
    }

    /** {@return problems met while loading} */
    public List<String> problems() {
        return commands.problems();
    }

    /**
     * @param provider a command provider
     * @return how {@code plugins} shows it
     */
    public static ProviderInfo describe(CommandProvider provider) {
        return new ProviderInfo("command", provider.name(), provider.description(), ProviderOrigin.of(provider.getClass()),
                Availability.available("installed"));
    }
}
