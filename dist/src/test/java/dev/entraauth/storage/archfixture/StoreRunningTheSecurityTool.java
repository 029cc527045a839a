package dev.entraauth.storage.archfixture;

import dev.entraauth.cli.Main;
import dev.entraauth.storage.windows.internal.DpapiFileStore;
import java.io.IOException;

/** Test fixture: a "store" that does what stores must not: start the macOS security tool with a secret, use the CLI and another store. */
public final class StoreRunningTheSecurityTool {
    /** Stores a secret the way SR5 forbids: on the security tool's command line. */
    public void store(String secret) throws IOException {
        new ProcessBuilder("/usr/bin/security", "add-generic-password", "-s", "entra-auth-cli", "-a", "ci", "-w", secret).start();
        Runtime.getRuntime().exec(new String[] {"security", "add-generic-password", "-w", secret});
        Main.class.getName();
        new DpapiFileStore();
    }
}
