package dev.entraauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the standalone launcher writes for a person or a script: emulator.json, the CA, the app's credentials. */
class StandaloneTest {
    private EntraEmulator entra;

    @BeforeEach
    void startEmulator() {
        entra = EntraEmulator.start();
    }

    @AfterEach
    void emulatorHadNoBugs() {
        try {
            assertEquals(List.of(), entra.bugs());
        } finally {
            entra.close();
        }
    }

    @Test
    void theStateFileDescribesTheEmulatorAndItsSeededApps(@TempDir Path dir) throws Exception {
        Path file = Standalone.writeState(entra, dir);

        assertEquals(dir.resolve("emulator.json"), file);
        JsonNode state = RawHttp.JSON.readTree(file.toFile());
        assertEquals(entra.baseUrl(), state.path("baseUrl").asText());
        assertEquals(entra.seed().tenant().id(), state.path("tenantId").asText());
        assertEquals(entra.graphBaseUrl(), state.path("graphBaseUrl").asText());
        assertEquals(entra.imdsEndpoint(), state.path("imdsEndpoint").asText());
        JsonNode app = state.path("confidentialApp");
        assertEquals(entra.seed().confidentialApp().clientId(), app.path("clientId").asText());
        assertEquals(entra.seed().clientSecret().value(), app.path("clientSecret").asText());
        assertEquals(entra.seed().publicApp().clientId(), state.path("publicApp").path("clientId").asText());
        assertEquals("ada@contoso.onmicrosoft.com", state.path("user").path("username").asText());
        assertEquals(EntraEmulator.Seed.USER_PASSWORD, state.path("user").path("password").asText());
        assertTrue(state.path("commands").isObject() && state.path("commands").size() > 0, state.toString());
        for (String field : List.of("pfx", "pfxPassword", "certificatePem", "privateKeyPem")) {
            assertTrue(app.hasNonNull(field), field + " in " + app);
        }
        for (JsonNode path : List.of(state.path("caCertificate"), app.path("pfx"), app.path("certificatePem"), app.path("privateKeyPem"))) {
            assertTrue(Files.isRegularFile(Path.of(path.asText())), path.asText());
        }
        assertEquals(entra.caCertificatePem(), Files.readString(Path.of(state.path("caCertificate").asText()), StandardCharsets.US_ASCII));
    }

    @Test
    void thePfxOpensWithItsPasswordAndHoldsTheSeededCertificateAndKey(@TempDir Path dir) throws Exception {
        JsonNode app = RawHttp.JSON.readTree(Standalone.writeState(entra, dir).toFile()).path("confidentialApp");
        char[] password = app.path("pfxPassword").asText().toCharArray();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(app.path("pfx").asText()))) {
            store.load(in, password);
        }

        String alias = store.aliases().nextElement();
        assertEquals(entra.seed().certificate(), (X509Certificate) store.getCertificate(alias));
        assertEquals(entra.seed().privateKey(), (PrivateKey) store.getKey(alias, password));
    }

    @Test
    void curlTrustingTheWrittenCaFetchesTheOpenIdConfiguration(@TempDir Path dir) throws Exception {
        JsonNode state = RawHttp.JSON.readTree(Standalone.writeState(entra, dir).toFile());
        String url = state.path("baseUrl").asText() + "/" + state.path("tenantId").asText() + "/v2.0/.well-known/openid-configuration";

        Curl result = Curl.get(Path.of(state.path("caCertificate").asText()), url);

        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode configuration = RawHttp.JSON.readTree(result.stdout());
        assertEquals(entra.tokenEndpoint(), configuration.path("token_endpoint").asText());
    }

    /**
     * The real curl binary, as a person would call it.
     *
     * @param exitCode its exit code
     * @param stdout   what it printed
     * @param stderr   its errors
     */
    record Curl(int exitCode, String stdout, String stderr) {
        static Curl get(Path caFile, String url) throws Exception {
            Process process = new ProcessBuilder("curl", "--silent", "--show-error", "--max-time", "20", "--cacert", caFile.toString(), url)
                    .start();
            process.getOutputStream().close();
            var stdout = process.getInputStream().readAllBytes();
            var stderr = process.getErrorStream().readAllBytes();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
            return new Curl(process.exitValue(), new String(stdout, StandardCharsets.UTF_8), new String(stderr, StandardCharsets.UTF_8));
        }
    }
}
