package dev.entraauth.core.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Loaded providers of one service, with unique ids: a later provider with an id already taken is not
 * used, and the clash is recorded as a problem for {@code plugins} to show.
 *
 * @param <T> the service type
 */
final class Providers<T> {
    /** Named modules by name, then unnamed ones (a provider on the class path). */
    private static final Comparator<String> MODULE_ORDER = (a, b) -> a == null ? (b == null ? 0 : 1)
            : b == null ? -1 : a.compareTo(b);
    private final Map<String, T> byId = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** Providers found by a service loader: one that fails to load or to be created is a problem naming its jar. */
    Providers(ServiceLoader<T> loader, Function<T, String> id, String kind) {
        this(instantiate(loader, kind), id, kind);
    }

    /** Providers given as they are (tests, and registries built from a list). */
    Providers(Iterable<T> providers, Function<T, String> id, String kind) {
        this(new Loaded<>(list(providers), List.of()), id, kind);
    }

    private record Loaded<T>(List<T> found, List<String> problems) { }

    private static <T> List<T> list(Iterable<T> providers) {
        List<T> list = new ArrayList<>();
        providers.forEach(list::add);
        return list;
    }

    /**
     * Creates each provider the loader finds. The provider's class is known before it is created ({@link
     * ServiceLoader.Provider#type()}), so a constructor (or static initialiser) that throws is reported with the jar
     * the class came from and the exception's own message, and the other providers still load.
     */
    private static <T> Loaded<T> instantiate(ServiceLoader<T> loader, String kind) {
        List<T> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<ServiceLoader.Provider<T>> iterator = loader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError e) {
                problems.add(kind + " provider failed to load: " + e.getMessage());
                continue;
            }
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                ProviderOrigin origin = ProviderOrigin.of(provider.type());
                Throwable cause = e instanceof ServiceConfigurationError && e.getCause() != null ? e.getCause() : e;
                if (cause instanceof ExceptionInInitializerError init && init.getCause() != null) {
                    cause = init.getCause();
                }
                problems.add(kind + " provider " + provider.type().getName() + " from " + where(origin)
                        + " could not be created: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())));
            }
        }
        return new Loaded<>(found, problems);
    }

    /** The jar's path for a plugin (a file: location), else the module and its location ({@code jrt:/…}). */
    private static String where(ProviderOrigin origin) {
        if (origin.location().startsWith("file:")) {
            try {
                return Path.of(URI.create(origin.location())).toString();
            } catch (IllegalArgumentException e) {
                return origin.location();
            }
        }
        return origin.module() + " (" + origin.location() + ")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private Providers(Loaded<T> loaded, Function<T, String> id, String kind) {
        List<T> found = new ArrayList<>(loaded.found());
        problems.addAll(loaded.problems());
        // One lambda of ours (kept by the image's class-data archive) rather than Comparator's combinators, whose
        // JDK-side lambdas are spun at run time on every start (docs/performance.md).
        found.sort((a, b) -> {
            int byId = id.apply(a).toLowerCase(Locale.ROOT).compareTo(id.apply(b).toLowerCase(Locale.ROOT));
            return byId != 0 ? byId : MODULE_ORDER.compare(a.getClass().getModule().getName(),
                    b.getClass().getModule().getName());
        });
        for (T provider : found) {
            String key = id.apply(provider).toLowerCase(Locale.ROOT);
            T existing = byId.putIfAbsent(key, provider);
            if (existing != null) {
                problems.add(kind + " id '" + id.apply(provider) + "' is provided twice: by "
                        + ProviderOrigin.of(existing.getClass()).module() + " (used) and by "
                        + ProviderOrigin.of(provider.getClass()).module() + " (ignored)");
            }
        }
    }

    List<T> all() {
        return List.copyOf(byId.values());
    }

    List<String> problems() {
        return List.copyOf(problems);
    }
}
