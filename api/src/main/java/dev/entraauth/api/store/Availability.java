package dev.entraauth.api.store;

import java.util.Objects;

/**
 * Whether a provider can work on this machine now, and if not, why — shown by {@code plugins} and in the
 * error when no provider is usable.
 *
 * @param available whether the provider can be used
 * @param reason    a short explanation: what it uses when available, why not otherwise
 */
public record Availability(boolean available, String reason) {

    /** Requires a reason. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param detail what the provider will use, such as a file path
     * @return an availability that says yes
     */
    public static Availability available(String detail) {
        return new Availability(true, detail);
    }

    /**
     * @param reason why the provider cannot work here, and what would fix it
     * @return an availability that says no
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
