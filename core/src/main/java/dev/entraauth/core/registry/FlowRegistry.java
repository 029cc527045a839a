package dev.entraauth.core.registry;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.StandardFlow;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.Availability;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/** The installed flows, found with {@link ServiceLoader}, and how a typed or inferred name maps to one. */
public final class FlowRegistry {
    private final Providers<Flow> flows;

    private FlowRegistry(Providers<Flow> flows) {
        this.flows = flows;
    }

    /**
     * @param layer the module layer to search (the boot layer, or a plugin layer above it)
     * @return the registry of the flows in that layer and its parents
     */
    public static FlowRegistry load(ModuleLayer layer) {
        return new FlowRegistry(new Providers<>(ServiceLoader.load(layer, Flow.class), Flow::name, "flow"));
    }

    /**
     * @param flows the flows to use
     * @return a registry of exactly these flows
     */
    public static FlowRegistry of(List<Flow> flows) {
        return new FlowRegistry(new Providers<>(flows, Flow::name, "flow"));
    }

    /** {@return the installed flows, ordered by name} */
    public List<Flow> flows() {
        return flows.all();
    }

    /** {@return problems met while loading (duplicate names, providers that failed)} */
    public List<String> problems() {
        return flows.problems();
    }

    /**
     * The canonical name of a flow name or alias, whether or not its module is installed.
     *
     * @param typed what the user typed
     * @return the canonical name, or empty when no known flow has that name
     */
    public Optional<String> canonicalName(String typed) {
        Optional<Flow> installed = find(typed);
        if (installed.isPresent()) {
            return Optional.of(installed.get().name());
        }
        return StandardFlow.parse(typed).map(Enum::name);
    }

    /**
     * Resolves a name typed with {@code -f}, before any network call.
     *
     * @param typed what the user typed
     * @return the installed flow
     * @throws EntraAuthException {@link ExitCode#USAGE} listing the valid names when the name is unknown;
     *                            {@link ExitCode#NO_PROVIDER} when it is a known flow that is not installed
     */
    public Flow resolve(String typed) throws EntraAuthException {
        Optional<Flow> flow = find(typed);
        if (flow.isPresent()) {
            return flow.get();
        }
        Optional<StandardFlow> standard = StandardFlow.parse(typed);
        if (standard.isPresent()) {
            throw notInstalled(standard.get().name());
        }
        throw new EntraAuthException(ExitCode.USAGE, "unknown flow '" + typed + "'. Valid flows: "
                + String.join(", ", knownNames()) + " (names are case-insensitive; see 'entra-auth-cli plugins')");
    }

    /**
     * The flow for a profile when no {@code -f} was given: the profile's default flow, else client
     * credentials for a secret or certificate, managed identity for a managed identity, and the
     * interactive browser for anything else.
     *
     * @param profile the profile
     * @return the installed flow
     * @throws EntraAuthException {@link ExitCode#NO_PROVIDER} when that flow is not installed
     */
    public Flow infer(Profile profile) throws EntraAuthException {
        if (profile.defaultFlowName().isPresent()) {
            return resolve(profile.defaultFlowName().get());
        }
        StandardFlow inferred = switch (profile.authMethod()) {
            case ClientSecret, Certificate, FederatedToken -> StandardFlow.ClientCredentials;
            case ManagedIdentity -> StandardFlow.ManagedIdentity;
            case PublicClient -> StandardFlow.InteractiveBrowser;
        };
        return find(inferred.name()).orElseThrow(() -> notInstalled(inferred.name()));
    }

    /**
     * @param flow a flow
     * @return how {@code plugins} shows it
     */
    public static ProviderInfo describe(Flow flow) {
        String aliases = flow.aliases().isEmpty() ? "" : " (aliases: " + String.join(", ", flow.aliases()) + ")";
        return new ProviderInfo("flow", flow.name(), flow.description() + aliases, ProviderOrigin.of(flow.getClass()),
                Availability.available("installed"));
    }

    private Optional<Flow> find(String typed) {
        return flows.all().stream().filter(f -> StandardFlow.matches(typed, f.name(), f.aliases())).findFirst();
    }

    private Set<String> knownNames() {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(StandardFlow.values()).map(Enum::name).forEach(names::add);
        flows.all().stream().map(Flow::name).forEach(names::add);
        return names;
    }

    private EntraAuthException notInstalled(String name) {
        String installed = flows.all().isEmpty() ? "none"
                : flows.all().stream().map(Flow::name).collect(Collectors.joining(", "));
        return new EntraAuthException(ExitCode.NO_PROVIDER, "no flow '" + name + "' is installed in this build. Installed flows: "
                + installed + ". Add its module to the image or the plugins directory (see 'entra-auth-cli plugins')");
    }
}
