package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AuthorizationCode flow through the jlink image, for a confidential web app: with a loopback redirect URI
 * the image opens the "browser" (curl following the emulator's redirect to the image's listener on the URI's
 * path) and redeems the code with the client secret; with a web redirect URI and no terminal to paste into, it
 * says so at once instead of waiting.
 */
class AuthorizationCodeImageIT {
    @TempDir
    Path home;

    @Test
    void aLoopbackRedirectUriSignsInThroughTheBrowserAndTheNextCallUsesTheCache() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            entra.autoApprove(true);
            entra.seed().confidentialApp().addRedirectUri("http://localhost/auth/callback");
            Image image = Image.against(entra, home).env("BROWSER", curlBrowser(entra) + " %s");
            Image.Result create = image.runWithInput(entra.seed().clientSecret().value() + "\n", "config", "create", "--no-prompt",
                    "--name", "web", "--tenant-id", entra.seed().tenant().id(), "--client-id", entra.seed().confidentialApp().clientId(),
                    "--secret-stdin", "--authority-host", entra.baseUrl(), "--default-flow", "AuthorizationCode",
                    "--redirect-uri", "http://localhost/auth/callback", "--scope", "User.Read");
            assertEquals(0, create.exitCode(), create.err());

            Image.Result first = image.run("get-token", "-p", "web", "--timeout", "60s");
            Image.Result second = image.run("get-token", "-p", "web");

            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.out().strip().startsWith("ey"), first.out());
            assertTrue(first.err().contains("✓ Authentication successful!"), first.err());
            List<RecordedRequest> tokens = entra.requests().stream().filter(r -> r.path().endsWith("/token")).toList();
            assertEquals(List.of("authorization_code"), tokens.stream().map(RecordedRequest::grantType).toList());
            assertEquals(0, second.exitCode(), second.err());
            assertEquals(first.out(), second.out());
            assertTrue(second.err().contains("Using cached token"), second.err());
            assertFalse((first.all() + second.all()).contains(entra.seed().clientSecret().value()));
        }
    }

    @Test
    void aWebRedirectUriWithoutATerminalSaysWhatItNeedsAndSendsNothing() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = Image.against(entra, home);
            Image.Result create = image.runWithInput(entra.seed().clientSecret().value() + "\n", "config", "create", "--no-prompt",
                    "--name", "web", "--tenant-id", entra.seed().tenant().id(), "--client-id", entra.seed().confidentialApp().clientId(),
                    "--secret-stdin", "--authority-host", entra.baseUrl(), "--default-flow", "AuthorizationCode",
                    "--redirect-uri", "https://app.contoso.example/signin-oidc", "--scope", "User.Read");
            assertEquals(0, create.exitCode(), create.err());

            Image.Result result = image.run("get-token", "-p", "web");

            assertEquals(12, result.exitCode(), result.err());
            assertTrue(result.err().contains("needs a terminal to paste the result into"), result.err());
            assertEquals(1, result.err().lines().count(), result.err());
            assertEquals(List.of(), entra.requests().stream().filter(r -> r.path().contains("/oauth2/")).toList());
        }
    }

    private Path curlBrowser(EntraEmulator entra) throws Exception {
        Path ca = Files.writeString(home.resolve("browser-ca.pem"), entra.caCertificatePem());
        Path script = home.resolve("curl-browser");
        Files.writeString(script, "#!/bin/sh\nexec curl -s -o /dev/null --cacert '" + ca + "' -L --max-redirs 2 \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
