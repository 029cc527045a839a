package dev.entraauth.cli.command;

import dev.entraauth.api.command.CommandProvider;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.cli.Main;
import dev.entraauth.cli.terminal.Terminal;
import dev.entraauth.core.registry.CommandRegistry;
import dev.entraauth.core.registry.FlowRegistry;
import dev.entraauth.core.registry.SecretStoreRegistry;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process through {@link Main#run(CliContext, String...)} and keeps what it printed. */
final class CliRun {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    final Path home;
    final Map<String, String> environment = new HashMap<>();
    final MemorySecretStore store = new MemorySecretStore();
    List<Flow> flows = List.of();
    List<CommandProvider> commands = List.of();
    Terminal terminal = Terminal.NONE;
    String stdin = "";
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    String out;
    String err;
    int exitCode;

    CliRun(Path home) {
        this.home = home;
    }

    CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    CliRun terminal(Terminal value) {
        this.terminal = value;
        return this;
    }

    CliRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    int run(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        exitCode = Main.run(context(outText, errText), args);
        out = outText.toString();
        err = errText.toString();
        return exitCode;
    }

    /** {@return a context for building the command tree without running anything} */
    CliContext contextForListing() {
        return context(new StringWriter(), new StringWriter());
    }

    private CliContext context(StringWriter outText, StringWriter errText) {
        List<SecretStore> stores = List.of(store);
        return new CliContext(
                new CliContext.Streams(new PrintWriter(outText), new PrintWriter(errText),
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))),
                terminal, environment, home, clock,
                new CliContext.Registries(() -> FlowRegistry.of(flows), () -> SecretStoreRegistry.of(stores),
                        () -> CommandRegistry.of(commands)));
    }

    String all() {
        return out + err;
    }
}
