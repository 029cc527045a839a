package dev.entraauth.api.store;

import dev.entraauth.api.Interaction;
import java.nio.file.Path;
import java.util.Map;

/** What the CLI hands a secret store: where files live, the environment, and the person at the terminal. */
public interface StoreContext {

    /** {@return the CLI's home directory ({@code ~/.entra-auth-cli} or {@code ENTRA_AUTH_CLI_HOME}); may not exist yet} */
    Path home();

    /** {@return the process environment, as the CLI sees it (tests pass their own)} */
    Map<String, String> environment();

    /** {@return how to prompt (for example for a passphrase) and warn} */
    Interaction interaction();
}
