package dev.entraauth.testkit.store;

import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.StoreContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link StoreContext} the contract opens stores in: a home directory, the environment given, and an
 * interaction that answers no prompt and records what the store says on stderr.
 *
 * @param home        the CLI home directory
 * @param environment the environment the store sees
 * @param messages    every info, notice and warning line, in order
 */
public record ContractStoreContext(Path home, Map<String, String> environment, List<String> messages)
        implements StoreContext {

    /**
     * @param home        the CLI home directory
     * @param environment the environment the store sees
     * @return a context that records messages
     */
    public static ContractStoreContext of(Path home, Map<String, String> environment) {
        return new ContractStoreContext(home, Map.copyOf(environment), Collections.synchronizedList(new ArrayList<>()));
    }

    @Override
    public Interaction interaction() {
        return new Interaction() {
            @Override
            public boolean canPrompt() {
                return false;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                return Optional.empty();
            }

            @Override
            public Optional<char[]> readSecret(String prompt) {
                return Optional.empty();
            }

            @Override
            public void info(String message) {
                messages.add(message);
            }

            @Override
            public void warn(String message) {
                messages.add(message);
            }
        };
    }
}
