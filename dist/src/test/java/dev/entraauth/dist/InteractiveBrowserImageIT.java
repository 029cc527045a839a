package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The InteractiveBrowser flow through the jlink image: {@code get-token} for a PublicClient profile opens Debian's
 * headless Chromium through {@code BROWSER}; with the emulator approving at once, Chromium follows the redirect to
 * the image's loopback listener and shows its page; the next call is answered from the cache.
 */
class InteractiveBrowserImageIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path home;

    @TempDir
    Path browserDir;

    @Test
    void getTokenSignsInThroughARealBrowserStartedByBrowserAndTheNextCallUsesTheCache() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "install Debian's chromium (.ci/run does)");
        try (EntraEmulator entra = EntraEmulator.start()) {
            entra.autoApprove(true);
            Path dom = browserDir.resolve("page.html");
            Path ca = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
            Image image = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", "interactive image test")
                    .env("ENTRA_AUTH_CLI_CA_BUNDLE", ca.toString())
                    .env("BROWSER", browserScript(entra, dom) + " %s");
            Image.Result create = image.run("config", "create", "--no-prompt", "--name", "default",
                    "--tenant-id", entra.seed().tenant().id(), "--client-id", entra.seed().publicApp().clientId(),
                    "--auth-method", "PublicClient", "--authority-host", entra.baseUrl(), "--scope", "User.Read");
            assertEquals(0, create.exitCode(), create.err());

            Image.Result first = image.run("get-token", "--timeout", "60s");

            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.out().strip().startsWith("ey"), first.out());
            for (String line : List.of("Opening browser for authentication...", "✓ Browser opened", "⏳ Waiting for sign-in...",
                    "✓ Authentication successful!", "Token expires: ", "Token saved to profile 'default'")) {
                assertTrue(first.err().contains(line), "missing '" + line + "' in:\n" + first.err());
            }
            String page = Files.readString(dom);
            assertTrue(page.contains("Authentication successful"), page);
            List<RecordedRequest> tokens = entra.requests().stream().filter(r -> r.path().endsWith("/token")).toList();
            assertEquals(1, tokens.size());
            assertEquals("authorization_code", tokens.getFirst().grantType());

            Image.Result second = image.run("get-token");

            assertEquals(0, second.exitCode(), second.err());
            assertEquals(first.out(), second.out());
            assertTrue(second.err().contains("Using cached token"), second.err());
            assertFalse(second.err().contains("Opening browser"), second.err());
            assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/authorize")).count());
        }
    }

    private Path browserScript(EntraEmulator entra, Path dom) throws Exception {
        return browserScript(entra, browserDir, dom);
    }

    /**
     * @return a {@code BROWSER} command: Chromium, headless, trusting the emulator's server key, loading the URL
     *         (following redirects) and writing the final page's DOM to {@code dom}
     */
    static Path browserScript(EntraEmulator entra, Path browserDir, Path dom) throws Exception {
        String spki = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(entra.serverCertificate().getPublicKey().getEncoded()));
        Path script = browserDir.resolve("browser");
        Files.writeString(script, "#!/bin/sh\n"
                + "exec " + CHROMIUM + " --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
                + " --disable-background-networking --disable-component-update --disable-sync"
                + " --user-data-dir='" + browserDir.resolve("profile") + "' --ignore-certificate-errors-spki-list=" + spki
                + " --dump-dom \"$1\" > '" + dom + "' 2> '" + browserDir.resolve("chromium.log") + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
