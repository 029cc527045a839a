package dev.entraauth.api.store;

/**
 * A place to keep secrets at rest, found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations have a public no-argument constructor that does no I/O; all work happens in
 * {@link #availability} and {@link #open}.
 */
public interface SecretStore {

    /** {@return a stable, unique id such as {@code libsecret} or {@code encrypted-file}} */
    String id();

    /** {@return one line saying what this store is and where it keeps secrets} */
    String description();

    /**
     * The preference among available stores: the highest weight wins, ties are broken by id.
     * Built-in stores use 10–100; a plugin that should win uses more.
     *
     * @return the weight
     */
    default int weight() {
        return 100;
    }

    /**
     * Says whether this store can work here, and if not, why — without prompting and quickly.
     *
     * @param context the CLI's context
     * @return available, or unavailable with the reason
     */
    Availability availability(StoreContext context);

    /**
     * Whether this store already holds the CLI's secrets here, answered cheaply and without prompting (for example:
     * its file exists). The CLI asks once per home, before it records which store the home uses, so that a store
     * that becomes available later (a keyring session) never hides the secrets already kept in another.
     *
     * @param context the CLI's context
     * @return {@code true} when it knows it holds secrets; {@code false} when it holds none or cannot tell cheaply
     */
    default boolean holdsSecrets(StoreContext context) {
        return false;
    }

    /**
     * Opens the store for reading and writing.
     *
     * @param context the CLI's context (passphrase prompts go through its interaction)
     * @return the opened vault
     * @throws StoreException when the store cannot be opened (locked, wrong passphrase, I/O)
     */
    SecretVault open(StoreContext context) throws StoreException;
}
