package com.example.entraauth.plugins;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The vault of {@link CommandSecretStore}: one program run per operation. */
final class CommandVault implements SecretVault {
    private static final int NOT_FOUND = 3;
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private final Path program;

    CommandVault(Path program) {
        this.program = program;
    }

    @Override
    public Optional<byte[]> read(SecretKey key) throws StoreException {
        Commands.Result result = run("get", key.qualifiedName(), new byte[0]);
        return result.exitCode() == NOT_FOUND ? Optional.empty() : Optional.of(checked(result, "read", key).output());
    }

    @Override
    public void write(SecretKey key, byte[] value) throws StoreException {
        checked(run("put", key.qualifiedName(), value), "write", key);
    }

    @Override
    public boolean delete(SecretKey key) throws StoreException {
        Commands.Result result = run("delete", key.qualifiedName(), new byte[0]);
        if (result.exitCode() == NOT_FOUND) {
            return false;
        }
        checked(result, "delete", key);
        return true;
    }

    @Override
    public Set<SecretKey> keys(String profile) throws StoreException {
        Commands.Result result = run("list", profile, new byte[0]);
        Set<SecretKey> keys = new LinkedHashSet<>();
        for (String line : checked(result, "list", null).text().split("\n")) {
            if (!line.isBlank()) {
                SecretKey key = SecretKey.parse(line.strip());
                if (key.profile().equals(profile)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private Commands.Result run(String operation, String argument, byte[] input) throws StoreException {
        try {
            return Commands.run(List.of(program.toString(), operation, argument), Map.of(), input, LIMIT);
        } catch (dev.entraauth.api.flow.AuthException e) {
            throw new StoreException(ExitCode.SECRET_STORE, "the command store: " + e.getMessage(), e);
        }
    }

    private Commands.Result checked(Commands.Result result, String operation, SecretKey key) throws StoreException {
        if (result.exitCode() != 0) {
            throw new StoreException("the command store could not " + operation
                    + (key == null ? "" : " " + key) + ": " + program + " exited with " + result.exitCode()
                    + result.errorLine().map(line -> " (" + line + ")").orElse(""));
        }
        return result;
    }
}
