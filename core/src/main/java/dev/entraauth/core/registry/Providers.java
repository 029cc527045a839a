package dev.entraauth.core.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
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

    Providers(Iterable<T> loader, Function<T, String> id, String kind) {
        List<T> found = new ArrayList<>();
        var iterator = loader.iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError e) {
                problems.add(kind + " provider failed to load: " + e.getMessage());
            }
        }
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
