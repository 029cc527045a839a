package com.example.entraauth.plugins;

import dev.entraauth.api.store.SecretStore;
import dev.entraauth.testkit.store.SecretStoreContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's command store passes the testkit's contract for every secret store, run against a stand-in for
 * pass: one base64 file per entry in a directory of this test, outside the home (the protocol of src/main/scripts/pass-store.sh).
 * The contract's second writer process finds the store through ServiceLoader on this test's module path.
 */
class CommandSecretStoreContractTest extends SecretStoreContract {
    @TempDir
    Path outside;

    private Path script;

    @Override
    protected SecretStore store() {
        return new CommandSecretStore();
    }

    @Override
    protected Map<String, String> environment() {
        if (script == null) {
            try {
                Path store = Files.createDirectories(outside.resolve("store"));
                // The vault runs the program with the CLI's own environment: the directory is written into the script.
                script = Files.writeString(outside.resolve("dir-store.sh"), """
                        #!/bin/sh
                        set -eu
                        file="%s/$2"
                        case "$1" in
                            get) [ -f "$file" ] || exit 3; base64 -d "$file" ;;
                            put) mkdir -p "$(dirname "$file")"; base64 -w0 > "$file.tmp.$$"; mv "$file.tmp.$$" "$file" ;;
                            delete) [ -f "$file" ] || exit 3; rm "$file" ;;
                            list) [ -d "$file" ] || exit 0; for f in "$file"/*; do [ -e "$f" ] && echo "$2/$(basename "$f")"; done; exit 0 ;;
                        esac
                        """.formatted(store));
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.of(CommandSecretStore.COMMAND_VARIABLE, script.toString());
    }
}
