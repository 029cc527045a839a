package dev.entraauth.core.io;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where entra-auth-cli keeps its files: {@code ENTRA_AUTH_CLI_HOME} when set, else
 * {@code ~/.entra-auth-cli}.
 */
public final class Home {
    /** The environment variable that moves the home directory. */
    public static final String HOME_VARIABLE = "ENTRA_AUTH_CLI_HOME";

    private Home() {
    }

    /**
     * @param environment the process environment
     * @param userHome    the user's home directory ({@code user.home})
     * @return the CLI's home directory (it may not exist yet)
     */
    public static Path resolve(Map<String, String> environment, String userHome) {
        String override = environment.get(HOME_VARIABLE);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        return Path.of(userHome, ".entra-auth-cli").toAbsolutePath().normalize();
    }
}
