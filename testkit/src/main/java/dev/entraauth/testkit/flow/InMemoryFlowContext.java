package dev.entraauth.testkit.flow;

import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A {@link FlowContext} for testing a flow (the project's or a plugin's) without the CLI: an in-memory secret
 * vault, an interaction that records every stderr line and answers no prompt (unless given a
 * {@link #prompter}), the environment given, a home
 * directory, and the system clock. Thread-safe enough for flows that run msal on other threads.
 */
public final class InMemoryFlowContext implements FlowContext {
    private final Map<String, byte[]> secrets = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> infos = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final List<String> debugs = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> environment;
    private final Path home;
    private Clock clock = Clock.systemUTC();
    private java.util.function.Function<String, Optional<String>> prompter;

    /**
     * @param environment the environment the flow sees (for example {@code ENTRA_AUTH_CLI_CA_BUNDLE})
     * @param home        the home directory (locks go under it)
     */
    public InMemoryFlowContext(Map<String, String> environment, Path home) {
        this.environment = new HashMap<>(environment);
        this.home = home;
    }

    /**
     * A context whose transport trusts the emulator's CA, through a PEM file written under {@code home}.
     *
     * @param emulator the emulator
     * @param home     the home directory
     * @return the context
     * @throws java.io.IOException when the CA file cannot be written
     */
    public static InMemoryFlowContext trusting(dev.entraauth.testkit.EntraEmulator emulator, Path home) throws java.io.IOException {
        Path ca = java.nio.file.Files.writeString(home.resolve("emulator-ca.pem"), emulator.caCertificatePem());
        return new InMemoryFlowContext(Map.of("ENTRA_AUTH_CLI_CA_BUNDLE", ca.toString()), home);
    }

    /**
     * @param name  an environment variable
     * @param value its value
     * @return this context
     */
    public InMemoryFlowContext env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * @param clock the clock the flow sees
     * @return this context
     */
    public InMemoryFlowContext clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Makes the interaction a terminal that answers prompts: the function gets each prompt (and may look at
     * what the flow printed so far, as a person would) and returns the typed line, or empty for end of input.
     *
     * @param answers the person at the terminal
     * @return this context
     */
    public InMemoryFlowContext prompter(java.util.function.Function<String, Optional<String>> answers) {
        this.prompter = answers;
        return this;
    }

    /**
     * Stores a secret as {@code config create} would.
     *
     * @param profile the profile
     * @param kind    the kind, such as {@link SecretKey#CLIENT_SECRET}
     * @param value   the value
     * @return this context
     */
    public InMemoryFlowContext secret(String profile, String kind, String value) {
        secrets.put(new SecretKey(profile, kind).qualifiedName(), value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** {@return the vault's contents by qualified key name ("profile/kind"); live and modifiable} */
    public Map<String, byte[]> secretEntries() {
        return secrets;
    }

    /** {@return every info line so far} */
    public List<String> infos() {
        return List.copyOf(infos);
    }

    /** {@return every warning so far} */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** {@return every debug line so far} */
    public List<String> debugs() {
        return List.copyOf(debugs);
    }

    /** {@return info, warning and debug lines, in the order of their kinds} */
    public String stderr() {
        return String.join("\n", infos()) + "\n" + String.join("\n", warnings()) + "\n" + String.join("\n", debugs());
    }

    @Override
    public SecretVault secrets() {
        return new SecretVault() {
            @Override
            public Optional<byte[]> read(SecretKey key) {
                return Optional.ofNullable(secrets.get(key.qualifiedName())).map(byte[]::clone);
            }

            @Override
            public void write(SecretKey key, byte[] value) {
                secrets.put(key.qualifiedName(), value.clone());
            }

            @Override
            public boolean delete(SecretKey key) {
                return secrets.remove(key.qualifiedName()) != null;
            }

            @Override
            public Set<SecretKey> keys(String profile) {
                synchronized (secrets) {
                    return secrets.keySet().stream().map(SecretKey::parse).filter(k -> k.profile().equals(profile))
                            .collect(Collectors.toSet());
                }
            }
        };
    }

    @Override
    public Interaction interaction() {
        return new Interaction() {
            @Override
            public boolean canPrompt() {
                return prompter != null;
            }

            @Override
            public Optional<String> readLine(String prompt) {
                return prompter == null ? Optional.empty() : prompter.apply(prompt);
            }

            @Override
            public Optional<char[]> readSecret(String prompt) {
                return Optional.empty();
            }

            @Override
            public void info(String message) {
                infos.add(message);
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public void debug(String message) {
                debugs.add(message);
            }
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    @Override
    public Path home() {
        return home;
    }
}
