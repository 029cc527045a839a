package dev.entraauth.graph;

import java.time.Instant;
import java.util.Arrays;

/**
 * A client secret Graph has just created: its value exists only here and in the answer Graph sent once.
 * {@link #toString()} never shows the value; {@link #clear()} overwrites it when it has been saved and shown.
 */
public final class CreatedSecret {
    private final AppRegistration application;
    private final String keyId;
    private final String name;
    private final Instant expiry;
    private final char[] value;

    /**
     * @param application the application it belongs to
     * @param keyId       its key id
     * @param name        its display name
     * @param expiry      its end
     * @param value       its value (copied)
     */
    public CreatedSecret(AppRegistration application, String keyId, String name, Instant expiry, char[] value) {
        this.application = application;
        this.keyId = keyId;
        this.name = name;
        this.expiry = expiry;
        this.value = value.clone();
    }

    /** {@return the application it belongs to} */
    public AppRegistration application() {
        return application;
    }

    /** {@return its key id in the application's passwordCredentials} */
    public String keyId() {
        return keyId;
    }

    /** {@return its display name, {@code EAC-EXP-DD-MMM-YY}} */
    public String name() {
        return name;
    }

    /** {@return when it stops working} */
    public Instant expiry() {
        return expiry;
    }

    /** {@return a copy of its value} */
    public char[] value() {
        return value.clone();
    }

    /** Overwrites the value held here. */
    public void clear() {
        Arrays.fill(value, '\0');
    }

    @Override
    public String toString() {
        return "CreatedSecret[" + name + " of " + application.clientId() + ", expires " + expiry + ", value hidden]";
    }
}
