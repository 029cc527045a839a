package dev.entraauth.storage.macos.internal;

import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.StoreContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A store context for tests: a home directory, an empty environment, no terminal. */
record TestContext(Path home) implements StoreContext {

    @Override
    public Map<String, String> environment() {
        return Map.of();
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
            }

            @Override
            public void warn(String message) {
            }
        };
    }
}
