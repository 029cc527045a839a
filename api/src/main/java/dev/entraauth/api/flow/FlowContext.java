package dev.entraauth.api.flow;

import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What the CLI hands a flow, so a flow never reaches for globals. */
public interface FlowContext {

    /**
     * @return the opened secret vault (client secrets, certificate passwords, token caches)
     * @throws StoreException when no store is available or it cannot be opened
     */
    SecretVault secrets() throws StoreException;

    /** {@return prompts and stderr messages} */
    Interaction interaction();

    /** {@return the clock; tests pass a fixed one} */
    Clock clock();

    /** {@return the process environment, as the CLI sees it} */
    Map<String, String> environment();

    /** {@return the CLI's home directory} */
    Path home();
}
