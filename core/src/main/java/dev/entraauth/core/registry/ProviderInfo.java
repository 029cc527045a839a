package dev.entraauth.core.registry;

import dev.entraauth.api.store.Availability;

/**
 * One discovered provider, as {@code plugins} shows it.
 *
 * @param kind         {@code flow}, {@code store} or {@code command}
 * @param id           the provider's id or name
 * @param description  one line
 * @param origin       module, version and location
 * @param availability whether it can work here, and why (or why not)
 */
public record ProviderInfo(String kind, String id, String description, ProviderOrigin origin, Availability availability) {
}
