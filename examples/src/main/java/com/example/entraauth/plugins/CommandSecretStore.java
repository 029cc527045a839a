package com.example.entraauth.plugins;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --store command-store}: secrets kept by an external program, {@code $EXAMPLE_STORE_COMMAND} — for example
 * the {@code pass-store.sh} adapter shipped with this example, over {@code pass} (GPG-encrypted files). The program
 * is called as {@code PROGRAM get|put|delete|list KEY}: {@code put} reads the value on standard input and {@code get}
 * prints it on standard output, so a secret is never on a command line; exit code 3 means "no such entry".
 * {@code list PROFILE} prints one key per line. Keys are {@code profile/kind}.
 */
public final class CommandSecretStore implements SecretStore {
    /** The environment variable naming the program. */
    public static final String COMMAND_VARIABLE = "EXAMPLE_STORE_COMMAND";

    /** Creates the provider; does no I/O. */
    public CommandSecretStore() {
    }

    @Override
    public String id() {
        return "command-store";
    }

    @Override
    public String description() {
        return "secrets kept by $" + COMMAND_VARIABLE + " (example plugin)";
    }

    @Override
    public int weight() {
        return 5;
    }

    @Override
    public Availability availability(StoreContext context) {
        String program = context.environment().get(COMMAND_VARIABLE);
        if (program == null || program.isBlank()) {
            return Availability.unavailable("set " + COMMAND_VARIABLE + " to a program such as pass-store.sh");
        }
        if (!Files.isExecutable(Path.of(program))) {
            return Availability.unavailable(COMMAND_VARIABLE + " names " + program + ", which is not an executable file");
        }
        return Availability.available("through " + program);
    }

    @Override
    public SecretVault open(StoreContext context) {
        return new CommandVault(Path.of(context.environment().get(COMMAND_VARIABLE)));
    }
}
