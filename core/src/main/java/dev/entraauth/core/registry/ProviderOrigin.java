package dev.entraauth.core.registry;

import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;

/**
 * Where a provider comes from: its module, the module's version, and the location of the module
 * (a jar path, or {@code jrt:/…} inside a runtime image).
 *
 * @param module   the module name, or {@code (unnamed)} for a class-path provider
 * @param version  the module version, or {@code unversioned}
 * @param location where the module was loaded from, or {@code unknown}
 */
public record ProviderOrigin(String module, String version, String location) {

    /**
     * @param type a provider class
     * @return the origin of the class's module
     */
    public static ProviderOrigin of(Class<?> type) {
        Module module = type.getModule();
        if (!module.isNamed()) {
            return new ProviderOrigin("(unnamed)", "unversioned", "class path");
        }
        String version = module.getDescriptor().rawVersion().orElse("unversioned");
        String location = module.getLayer() == null ? "unknown"
                : module.getLayer().configuration().findModule(module.getName())
                        .map(ResolvedModule::reference)
                        .flatMap(ModuleReference::location)
                        .map(URI::toString)
                        .orElse("unknown");
        return new ProviderOrigin(module.getName(), version, location);
    }
}
