package dev.entraauth.cli.command;

import static dev.entraauth.cli.command.InspectCommandTest.hasLine;
import static dev.entraauth.cli.command.InspectCommandTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.testkit.EntraEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code config show -p N --context}: a profile as Get-EntraContext shows a connection (seed 004). */
class ConfigShowContextTest {
    static final String TENANT = InspectCommandTest.TENANT;
    static final String CLIENT = InspectCommandTest.CLIENT;
    static final long NOW = CliRun.NOW.getEpochSecond();
    static EntraEmulator.AppCertificate certificate;

    @TempDir
    Path home;

    @BeforeAll
    static void certificate() {
        try (EntraEmulator entra = EntraEmulator.start()) {
            certificate = entra.newCertificate("contoso-automation", Duration.ofDays(90));
        }
    }

    /** The fingerprint as openssl computes it, without colons. */
    static String openssl(Path pem, String digest) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("openssl", "x509", "-noout", "-fingerprint", "-" + digest, "-in", pem.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out.substring(out.indexOf('=') + 1).replace(":", "");
    }

    @Test
    void aPemCertificateProfileShowsBothThumbprintsAsOpensslComputesThemAndIsAppOnlyWithoutAToken() throws Exception {
        Path pem = Files.writeString(home.resolve("automation.pem"), certificate.certificatePem() + certificate.privateKeyPem());
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "automation", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--certificate", pem.toString(), "--scope", "https://graph.microsoft.com/.default", "--environment", "prod",
                "--app-name", "Contoso Automation"), cli.err);

        assertEquals(0, cli.run("config", "show", "-p", "automation", "--context"), cli.err);

        String out = cli.out;
        assertTrue(hasLine(out, "ClientId +: " + CLIENT), out);
        assertTrue(hasLine(out, "TenantId +: " + TENANT), out);
        assertTrue(hasLine(out, "CertificateThumbprint : " + openssl(pem, "sha1")), out);
        assertTrue(hasLine(out, "CertificateSha256 +: " + openssl(pem, "sha256")), out);
        assertTrue(hasLine(out, "CertificateName +: CN=contoso-automation"), out);
        assertTrue(hasLine(out, "Scopes +: \\{https://graph.microsoft.com/.default\\}"), out);
        assertTrue(hasLine(out, "ScopesFrom +: profile settings \\(no cached token\\)"), out);
        assertTrue(hasLine(out, "AuthType +: AppOnly"), out);
        assertTrue(hasLine(out, "Account +:"), out);
        assertTrue(hasLine(out, "AppName +: Contoso Automation"), out);
        // as Get-EntraContext shows it: Environment is the cloud by Entra PowerShell's name; the profile's label beside it
        assertTrue(hasLine(out, "Environment +: Global"), out);
        assertTrue(hasLine(out, "EnvironmentLabel +: prod"), out);
        assertTrue(hasLine(out, "Cloud +: AzurePublic"), out);
        assertFalse(out.contains("PRIVATE KEY"));
    }

    @Test
    void aPfxProfileIsOpenedWithThePasswordFromTheStoreAndShowsTheSameThumbprint() throws Exception {
        char[] password = "pfx-password-42".toCharArray();
        Path pfx = Files.write(home.resolve("automation.pfx"), certificate.pkcs12(password));
        Path pem = Files.writeString(home.resolve("cert.pem"), certificate.certificatePem());
        CliRun cli = new CliRun(home).stdin("pfx-password-42");
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "pfx", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--certificate", pfx.toString(), "--certificate-password-stdin"), cli.err);

        assertEquals(0, cli.run("config", "show", "-p", "pfx", "--context"), cli.err);

        assertTrue(hasLine(cli.out, "CertificateThumbprint : " + openssl(pem, "sha1")), cli.out);
        assertFalse(cli.all().contains("pfx-password-42"));
    }

    @Test
    void theCachedAppOnlyTokenGivesTheRolesAndTheAuthTypeButIsNeverShown() {
        String cached = token("{\"aud\":\"https://graph.microsoft.com\",\"exp\":" + (NOW + 3599) + ",\"appid\":\"" + CLIENT + "\","
                + "\"app_displayname\":\"Contoso Sync\",\"idtyp\":\"app\",\"roles\":[\"Group.Read.All\",\"User.Read.All\"],\"ver\":\"1.0\"}");
        CliRun cli = new CliRun(home).stdin("client-secret-value");
        cli.flows = List.of(new InspectCommandTest.FixedTokenFlow(cached));
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "sync", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin", "--scope", "https://graph.microsoft.com/.default"), cli.err);
        assertEquals(0, cli.run("get-token", "-p", "sync", "--silent"), cli.err);

        assertEquals(0, cli.run("config", "show", "-p", "sync", "--context"), cli.err);

        assertTrue(hasLine(cli.out, "Scopes +: \\{Group.Read.All, User.Read.All\\}"), cli.out);
        assertTrue(hasLine(cli.out, "ScopesFrom +: cached token \\(roles\\), in 59m 59s"), cli.out);
        assertTrue(hasLine(cli.out, "AuthType +: AppOnly"), cli.out);
        assertTrue(hasLine(cli.out, "AppName +: Contoso Sync"), cli.out);
        assertTrue(hasLine(cli.out, "CertificateThumbprint :"), "no certificate: an empty line, as Get-EntraContext shows it");
        assertFalse(cli.all().contains(cached.split("\\.")[1].substring(0, 20)), "the token is not shown");
        assertFalse(cli.all().contains("client-secret-value"));
    }

    @Test
    void aPublicClientIsDelegatedAndTheCachedTokenNamesTheAccount() throws Exception {
        String cached = token("{\"aud\":\"00000003-0000-0000-c000-000000000000\",\"exp\":" + (NOW + 600) + ",\"appid\":\"" + CLIENT + "\","
                + "\"scp\":\"User.Read Mail.Send\",\"upn\":\"ada@contoso.com\",\"ver\":\"1.0\"}");
        CliRun cli = new CliRun(home);
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "me", "--tenant-id", "organizations", "--client-id", CLIENT,
                "--auth-method", "PublicClient", "--scope", "User.Read", "--cloud", "AzureUSGovernment"), cli.err);
        assertEquals(0, cli.run("config", "show", "-p", "me", "--context"), cli.err);
        assertTrue(hasLine(cli.out, "AuthType +: Delegated"), "a public client signs users in: " + cli.out);
        assertTrue(hasLine(cli.out, "Environment +: USGov"), cli.out);
        assertTrue(hasLine(cli.out, "EnvironmentLabel +:"), "no label: an empty line " + cli.out);
        assertTrue(hasLine(cli.out, "Cloud +: AzureUSGovernment"), cli.out);
        cli.flows = List.of(new InspectCommandTest.FixedTokenFlow(cached));
        assertEquals(0, cli.run("get-token", "-p", "me", "-f", "ClientCredentials", "--silent"), cli.err);

        assertEquals(0, cli.run("config", "show", "-p", "me", "--context", "--output", "json"), cli.err);

        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertEquals("Delegated", json.get("authType").asText());
        assertEquals("ada@contoso.com", json.get("account").asText());
        assertEquals(List.of("User.Read", "Mail.Send"), List.of(json.get("scopes").get(0).asText(), json.get("scopes").get(1).asText()));
        assertEquals(CLIENT, json.get("clientId").asText());
        assertEquals("organizations", json.get("tenantId").asText());
        assertTrue(json.get("certificateThumbprint").isNull());
        assertEquals("USGov", json.get("environment").asText());
        assertEquals("AzureUSGovernment", json.get("cloud").asText());
        assertTrue(json.get("environmentLabel").isNull());
    }

    @Test
    void whenTheStoreCannotBeOpenedTheProfileIsStillShownWithAWarning() {
        CliRun cli = new CliRun(home).stdin("client-secret-value");
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin"), cli.err);

        assertEquals(0, cli.run("config", "show", "-p", "ci", "--context", "--store", "no-such-store"), cli.err);

        assertTrue(hasLine(cli.out, "ClientId +: " + CLIENT), cli.out);
        assertTrue(cli.err.contains("the secret store cannot be opened"), cli.err);
        assertTrue(hasLine(cli.out, "AuthType +: AppOnly"), cli.out);
    }
}
