package dev.entraauth.core.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the CLI talks HTTP, read from the environment (flags are turned into these variables by the CLI).
 *
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for a response
 * @param maxAttempts    attempts for a retryable failure (connection errors, 429, 500, 502–504)
 * @param maxRetryWait   the longest single wait before a retry, {@code Retry-After} included
 * @param caBundle       a PEM file of extra CA certificates trusted besides the JDK's, or empty
 * @param environment    the environment, for proxy variables
 * @param debug          where redacted request logs go, or a no-op
 */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration maxRetryWait,
                           Optional<Path> caBundle, Map<String, String> environment, Consumer<String> debug) {
    /** The environment variable naming a PEM bundle of extra trusted CA certificates. */
    public static final String CA_BUNDLE_VARIABLE = "ENTRA_AUTH_CLI_CA_BUNDLE";

    /**
     * @param environment the process environment
     * @param debug       where redacted request logs go
     * @return settings with the defaults: 10 s to connect, 30 s per response, 4 attempts, waits of at most 30 s
     */
    public static HttpSettings from(Map<String, String> environment, Consumer<String> debug) {
        String bundle = environment.get(CA_BUNDLE_VARIABLE);
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), 4, Duration.ofSeconds(30),
                bundle == null || bundle.isBlank() ? Optional.empty() : Optional.of(Path.of(bundle)), Map.copyOf(environment), debug);
    }

    /**
     * @param timeout the overall deadline of a command
     * @return these settings with each response waited for at most that long
     */
    public HttpSettings withRequestTimeout(Duration timeout) {
        Duration shorter = timeout.compareTo(requestTimeout) < 0 ? timeout : requestTimeout;
        return new HttpSettings(connectTimeout.compareTo(shorter) < 0 ? connectTimeout : shorter, shorter, maxAttempts,
                maxRetryWait, caBundle, environment, debug);
    }
}
