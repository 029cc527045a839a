package dev.entraauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged standalone jar, started as a person starts it ({@code java -jar … --port 0 --state-dir DIR}), serves
 * discovery to the real curl. Runs in {@code integration-test}, after {@code package} built the jar.
 */
class StandaloneJarIT {
    /** How long the jar may take to start and write its state: generous, a slow CI machine generates four RSA keys. */
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    @Test
    void theStandaloneJarWritesItsStateAndServesDiscoveryUntilItIsStopped(@TempDir Path dir) throws Exception {
        Path jar = Path.of(System.getProperty("entra.standalone.jar", "target/entra-auth-testkit-standalone.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is built by the package phase");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stateDir = dir.resolve("state");
        Path log = dir.resolve("emulator.log");
        Process process = new ProcessBuilder(java.toString(), "-jar", jar.toString(), "--port", "0", "--state-dir", stateDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path stateFile = awaitStateFile(process, stateDir.resolve("emulator.json"), log);
            JsonNode state = RawHttp.JSON.readTree(stateFile.toFile());
            String url = state.path("baseUrl").asText() + "/" + state.path("tenantId").asText() + "/v2.0/.well-known/openid-configuration";

            StandaloneTest.Curl curl = StandaloneTest.Curl.get(Path.of(state.path("caCertificate").asText()), url);

            assertEquals(0, curl.exitCode(), curl.stderr());
            assertEquals(state.path("authority").asText() + "/oauth2/v2.0/token",
                    RawHttp.JSON.readTree(curl.stdout()).path("token_endpoint").asText(), curl.stdout());
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertTrue(Files.readString(log).contains("Entra ID emulator at https://127."), Files.readString(log));
    }

    private static Path awaitStateFile(Process process, Path file, Path log) throws Exception {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (!Files.isRegularFile(file)) {
            if (!process.isAlive()) {
                fail("the standalone jar exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (Instant.now().isAfter(deadline)) {
                fail("no " + file + " after " + START_LIMIT + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return file;
    }
}
