package dev.entraauth.core.registry;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.core.io.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The installed secret stores, found with {@link ServiceLoader}, and the choice among them: the one the
 * user names ({@code --store} or {@code ENTRA_AUTH_CLI_STORE}); else the one recorded for this home in
 * {@value #CHOICE_FILE} (written by {@link #remember} the first time a store is used there); else an available
 * store that already holds the CLI's secrets, then the available store with the highest weight, ties broken by id.
 * The record keeps one home on one store: a keyring session that comes and goes, or a store installed later,
 * never splits a user's secrets between two stores. Never a silent fallback to a store the user did not choose
 * when the named or recorded one is unavailable.
 */
public final class SecretStoreRegistry {
    /** The environment variable that names the store to use. */
    public static final String STORE_VARIABLE = "ENTRA_AUTH_CLI_STORE";
    /** The file in the home directory that records the store the home uses. */
    public static final String CHOICE_FILE = "secret-store";

    private final Providers<SecretStore> stores;

    private SecretStoreRegistry(Providers<SecretStore> stores) {
        this.stores = stores;
    }

    /**
     * @param layer the module layer to search
     * @return the registry of the stores in that layer and its parents
     */
    public static SecretStoreRegistry load(ModuleLayer layer) {
        return new SecretStoreRegistry(
                new Providers<>(ServiceLoader.load(layer, SecretStore.class), SecretStore::id, "secret store"));
    }

    /**
     * @param stores the stores to use
     * @return a registry of exactly these stores
     */
    public static SecretStoreRegistry of(List<SecretStore> stores) {
        return new SecretStoreRegistry(new Providers<>(stores, SecretStore::id, "secret store"));
    }

    /** {@return the installed stores, highest weight first, ties by id} */
    public List<SecretStore> stores() {
        return stores.all().stream()
                .sorted(Comparator.comparingInt(SecretStore::weight).reversed().thenComparing(SecretStore::id))
                .toList();
    }

    /** {@return problems met while loading} */
    public List<String> problems() {
        return stores.problems();
    }

    /**
     * Chooses the store to use.
     *
     * @param context   the context the stores judge their availability in
     * @param requested the id the user asked for ({@code --store}), or empty
     * @return the chosen store, available here
     * @throws EntraAuthException {@link ExitCode#USAGE} for an unknown id, {@link ExitCode#NO_PROVIDER} when
     *                            the requested or every store is unavailable, listing each with its reason
     */
    public SecretStore select(StoreContext context, Optional<String> requested) throws EntraAuthException {
        Optional<String> wanted = requested.or(() -> Optional.ofNullable(context.environment().get(STORE_VARIABLE)))
                .filter(s -> !s.isBlank());
        if (wanted.isPresent()) {
            String id = wanted.get().strip().toLowerCase(Locale.ROOT);
            SecretStore store = stores.all().stream().filter(s -> s.id().toLowerCase(Locale.ROOT).equals(id)).findFirst()
                    .orElseThrow(() -> new EntraAuthException(ExitCode.USAGE, "no secret store '" + wanted.get()
                            + "'. Installed stores: " + ids()));
            Availability availability = store.availability(context);
            if (!availability.available()) {
                throw new EntraAuthException(ExitCode.NO_PROVIDER, "secret store '" + store.id() + "' is not available: "
                        + availability.reason());
            }
            return store;
        }
        Optional<String> recorded = recorded(context.home());
        if (recorded.isPresent()) {
            Path file = context.home().resolve(CHOICE_FILE);
            SecretStore store = stores.all().stream().filter(s -> s.id().equals(recorded.get())).findFirst()
                    .orElseThrow(() -> new EntraAuthException(ExitCode.NO_PROVIDER, "this home's secrets are in the '"
                            + recorded.get() + "' secret store (recorded in " + file + "), which this build does not have;"
                            + " installed stores: " + ids() + ". Give --store ID to use another (its secrets are separate),"
                            + " or delete " + file + " to choose again"));
            Availability availability = store.availability(context);
            if (!availability.available()) {
                throw new EntraAuthException(ExitCode.NO_PROVIDER, "secret store '" + store.id() + "' (this home's, recorded in "
                        + file + ") is not available: " + availability.reason() + ". Give --store ID to use another"
                        + " (its secrets are separate), or delete " + file + " to choose again");
            }
            return store;
        }
        List<SecretStore> available = new java.util.ArrayList<>();
        StringBuilder reasons = new StringBuilder();
        for (SecretStore store : stores()) {
            Availability availability = store.availability(context);
            if (availability.available()) {
                available.add(store);
            } else {
                reasons.append("; ").append(store.id()).append(": ").append(availability.reason());
            }
        }
        if (!available.isEmpty()) {
            return available.stream().filter(s -> s.holdsSecrets(context)).findFirst().orElse(available.getFirst());
        }
        throw new EntraAuthException(ExitCode.NO_PROVIDER, stores.all().isEmpty()
                ? "no secret store is installed in this build; secrets cannot be kept safely"
                : "no secret store is available" + reasons);
    }

    /**
     * Records the store a home uses, the first time one was chosen without {@code --store} or
     * {@value #STORE_VARIABLE} and opened there; later runs keep to it. Nothing is written when a record exists.
     *
     * @param context the context (its home)
     * @param store   the store just opened
     * @throws EntraAuthException {@link ExitCode#IO} when the record cannot be written
     */
    public static void remember(StoreContext context, SecretStore store) throws EntraAuthException {
        Path file = context.home().resolve(CHOICE_FILE);
        if (Files.exists(file)) {
            return;
        }
        try {
            SecureFiles.privateDirectory(context.home());
            SecureFiles.writeAtomically(file, (store.id() + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot record the secret store in " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@return the store id recorded for a home, if any} */
    static Optional<String> recorded(Path home) throws EntraAuthException {
        Path file = home.resolve(CHOICE_FILE);
        try {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            return id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param store   a store
     * @param context the context to judge availability in
     * @return how {@code plugins} shows it
     */
    public static ProviderInfo describe(SecretStore store, StoreContext context) {
        return new ProviderInfo("store", store.id(), store.description(), ProviderOrigin.of(store.getClass()),
                store.availability(context));
    }

    private String ids() {
        return stores.all().isEmpty() ? "none" : stores.all().stream().map(SecretStore::id).collect(Collectors.joining(", "));
    }
}
