package dev.entraauth.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigCreateCommandTest {
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    static final String CANARY = "canary-secret-7f3a9c";

    @TempDir
    Path home;

    @Test
    void createsAProfileEntirelyFromFlagsWithTheSecretFromStdin() throws Exception {
        CliRun cli = new CliRun(home).stdin(CANARY + "\n");

        int code = cli.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin", "--scope", "https://graph.microsoft.com/.default", "--environment", "prod");

        assertEquals(0, code, cli.err);
        assertEquals("", cli.out, "config create prints nothing on stdout");
        assertEquals(CANARY, cli.store.text("ci/client-secret"));
        String file = Files.readString(home.resolve("profiles.json"));
        assertTrue(file.contains("\"name\" : \"ci\""), file);
        assertTrue(file.contains("\"environment\" : \"prod\""), file);
        assertFalse(file.contains(CANARY), "the secret never reaches profiles.json");
        assertFalse(cli.all().contains(CANARY), "the secret is never printed");
        assertTrue(cli.err.contains("Profile 'ci' saved"), cli.err);
    }

    @Test
    void aManagedIdentityProfileAsksForNoTenantClientOrSecretAndIsSystemAssignedWithoutAClientId() throws Exception {
        CliRun system = new CliRun(home);
        CliRun user = new CliRun(home);
        CliRun byResource = new CliRun(home);
        CliRun list = new CliRun(home);
        CliRun context = new CliRun(home);
        String resourceId = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders";

        assertEquals(0, system.run("config", "create", "--no-prompt", "--name", "mi", "--auth-method", "ManagedIdentity",
                "--scope", "https://graph.microsoft.com/.default"), system.err);
        assertEquals(0, user.run("config", "create", "--no-prompt", "--name", "mi-user", "--auth-method", "managed-identity",
                "--client-id", CLIENT), user.err);
        assertEquals(0, byResource.run("config", "create", "--no-prompt", "--name", "mi-res", "--auth-method", "ManagedIdentity",
                "--identity-id", resourceId), byResource.err);
        assertEquals(0, list.run("config", "list"), list.err);
        assertEquals(0, context.run("config", "show", "-p", "mi", "--context"), context.err);

        assertTrue(list.out.lines().anyMatch(l -> l.matches("mi +- +\\(system-assigned\\) +ManagedIdentity .*")), list.out);
        assertTrue(list.out.lines().anyMatch(l -> l.matches("mi-user +- +" + CLIENT + " +ManagedIdentity .*")), list.out);
        String file = Files.readString(home.resolve("profiles.json"));
        assertTrue(file.contains("\"managedIdentityId\" : \"" + resourceId + "\""), file);
        assertEquals(java.util.Map.of(), system.store.entries, "no secret is kept for a managed identity");
        assertEquals(java.util.Map.of(), user.store.entries, "no secret is kept for a managed identity");
        assertTrue(context.out.lines().anyMatch(l -> l.matches("AuthType +: AppOnly")), context.out);
        assertTrue(context.out.lines().anyMatch(l -> l.matches("ManagedIdentity +: system-assigned")), context.out);
    }

    @Test
    void aFederatedTokenProfileKeepsTheTokenFilePathAndNoSecret() throws Exception {
        CliRun cli = new CliRun(home);
        CliRun shown = new CliRun(home);
        Path token = home.resolve("token");

        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "wl", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--federated-token-file", token.toString(), "--scope", "https://graph.microsoft.com/.default"), cli.err);
        assertEquals(0, shown.run("config", "show", "-p", "wl"), shown.err);

        String file = Files.readString(home.resolve("profiles.json"));
        assertTrue(file.contains("\"authMethod\" : \"FederatedToken\""), file);
        assertTrue(file.contains("\"federatedTokenFile\" : \"" + token.toAbsolutePath() + "\""), file);
        assertTrue(shown.out.contains("read from " + token.toAbsolutePath() + " for every request"), shown.out);
        assertEquals(java.util.Map.of(), cli.store.entries);
    }

    @Test
    void aCertificateInTheOsStoreIsKeptAsItsThumbprintOrSubjectOnly() throws Exception {
        CliRun byThumbprint = new CliRun(home);
        CliRun bySubject = new CliRun(home);
        CliRun both = new CliRun(home);
        CliRun shown = new CliRun(home);

        assertEquals(0, byThumbprint.run("config", "create", "--no-prompt", "--name", "tp", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--certificate-thumbprint", "f9 6b 6a 44 4c 0a df 2d d3 b9 1c 81 84 91 81 11 db 05 5e 42", "--certificate-store",
                "LocalMachine"), byThumbprint.err);
        assertEquals(0, bySubject.run("config", "create", "--no-prompt", "--name", "subj", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--certificate-subject", "CN=automation"), bySubject.err);
        assertEquals(2, both.run("config", "create", "--no-prompt", "--name", "both", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--certificate-subject", "CN=automation", "--certificate-thumbprint", "F96B6A444C0ADF2DD3B91C8184918111DB055E42"));
        assertEquals(0, shown.run("config", "show", "-p", "tp"), shown.err);

        String file = Files.readString(home.resolve("profiles.json"));
        assertTrue(file.contains("\"kind\" : \"THUMBPRINT\""), file);
        assertTrue(file.contains("LocalMachine\\\\My\\\\F96B6A444C0ADF2DD3B91C8184918111DB055E42"), file);
        assertTrue(file.contains("\"kind\" : \"SUBJECT\""), file);
        assertTrue(both.err.contains("give one of --certificate, --certificate-thumbprint and --certificate-subject"), both.err);
        assertTrue(shown.out.contains("THUMBPRINT LocalMachine\\My\\F96B6A444C0ADF2DD3B91C8184918111DB055E42"), shown.out);
        assertEquals(java.util.Map.of(), byThumbprint.store.entries);
    }

    @Test
    void aWebAppsRedirectUriIsStoredShownAndCheckedAgainstEntrasRules() throws Exception {
        CliRun cli = new CliRun(home).stdin(CANARY + "\n");
        CliRun shown = new CliRun(home);
        CliRun refused = new CliRun(home);

        int code = cli.run("config", "create", "--no-prompt", "--name", "web", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin", "--default-flow", "AuthorizationCode", "--redirect-uri", "https://app.contoso.com/signin-oidc");
        int showCode = shown.run("config", "show", "-p", "web");
        int refusedCode = refused.run("config", "edit", "-p", "web", "--redirect-uri", "http://app.contoso.com/cb");

        assertEquals(0, code, cli.err);
        assertTrue(Files.readString(home.resolve("profiles.json")).contains("\"redirectUri\" : \"https://app.contoso.com/signin-oidc\""));
        assertEquals(0, showCode, shown.err);
        assertTrue(shown.out.contains("Redirect URI:") && shown.out.contains("https://app.contoso.com/signin-oidc"), shown.out);
        assertEquals(2, refusedCode, refused.err);
        assertTrue(refused.err.contains("redirectUri: 'http://app.contoso.com/cb' uses http on a host that is not loopback"), refused.err);
    }

    @Test
    void createsAProfileInteractivelyAskingEveryQuestionInOrder() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal(
                "interactive-app", TENANT, CLIENT, "1", "2", CANARY, "y", "1", "", "dev");
        CliRun cli = new CliRun(home).terminal(terminal);

        int code = cli.run("config", "create");

        assertEquals(0, code, cli.err);
        assertEquals(0, terminal.remaining(), "every answer was used");
        assertEquals(java.util.List.of("Profile name [default]", "Tenant ID (GUID or domain)", "Client ID (application ID)",
                "Select 1-3 [1]", "Select 1-2 [1]", "(secret) Enter client secret", "Set default OAuth2 flow? (y/n) [n]", "Select 1-4 [1]",
                "Scopes (space-separated) [https://graph.microsoft.com/.default]",
                "Environment label (optional: dev, staging, prod…)"), terminal.prompts);
        String file = Files.readString(home.resolve("profiles.json"));
        assertTrue(file.contains("\"defaultFlow\" : \"ClientCredentials\""), file);
        assertTrue(file.contains("\"scopes\" : [ \"https://graph.microsoft.com/.default\" ]"), file);
        assertEquals(CANARY, cli.store.text("interactive-app/client-secret"));
        assertTrue(cli.err.contains("Authentication method:"), cli.err);
        assertTrue(cli.err.contains("Client secret:\n  1) Create new\n  2) Enter existing"), cli.err);
    }

    @Test
    void aWrongAnswerIsExplainedAndAskedAgain() {
        ScriptedTerminal terminal = new ScriptedTerminal("app", "not a tenant", TENANT, CLIENT, "3", "n", "", "");
        CliRun cli = new CliRun(home).terminal(terminal);

        int code = cli.run("config", "create");

        assertEquals(0, code, cli.err);
        assertTrue(cli.err.contains("tenantId: 'not a tenant' is not a tenant GUID"), cli.err);
    }

    @Test
    void withoutPromptsAMissingValueNamesTheFlagAndSavesNothing() {
        CliRun cli = new CliRun(home);

        int code = cli.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT);

        assertEquals(2, code);
        assertTrue(cli.err.contains("missing --client-id"), cli.err);
        assertFalse(Files.exists(home.resolve("profiles.json")));
    }

    @Test
    void aSecretGivenAsACommandLineValueIsRefusedWithGuidance() {
        CliRun cli = new CliRun(home);

        int code = cli.run("config", "create", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--client-secret=" + CANARY);

        assertEquals(2, code);
        assertTrue(cli.err.contains("--secret-stdin"), cli.err);
        assertFalse(cli.all().contains(CANARY), "the refused secret is not echoed");
        assertFalse(Files.exists(home.resolve("profiles.json")));
    }

    @Test
    void aMistypedSecretOptionIsNotEchoedWithItsValue() {
        CliRun cli = new CliRun(home);

        int code = cli.run("config", "create", "--clientsecret=" + CANARY);

        assertEquals(2, code);
        assertTrue(cli.err.contains("'--clientsecret'"), cli.err);
        assertFalse(cli.all().contains(CANARY), cli.err);
    }

    @ParameterizedTest(name = "{0} {1} is refused naming {2}")
    @CsvSource({
            "--tenant-id, not-a-tenant, tenantId",
            "--tenant-id, '{72f988bf-86f1-41af-91ab-2d7cd011db47}', tenantId",
            "--client-id, 1234, clientId",
            "--default-flow, magic, defaultFlow",
            "--auth-method, Password, authMethod",
            "--authority-host, http://login.example.com, authorityHost",
            "--cloud, Mars, cloud"
    })
    void anInvalidValueIsRefusedBeforeAnythingIsSaved(String flag, String value, String field) {
        CliRun cli = new CliRun(home).stdin(CANARY);
        String tenant = flag.equals("--tenant-id") ? value : TENANT;
        String client = flag.equals("--client-id") ? value : CLIENT;

        int code = flag.equals("--tenant-id") || flag.equals("--client-id")
                ? cli.run("config", "create", "--no-prompt", "--name", "x", "--tenant-id", tenant, "--client-id", client, "--secret-stdin")
                : cli.run("config", "create", "--no-prompt", "--name", "x", "--tenant-id", tenant, "--client-id", client,
                        "--secret-stdin", flag, value);

        assertEquals(2, code, cli.err);
        assertTrue(cli.err.contains(field), cli.err);
        assertFalse(Files.exists(home.resolve("profiles.json")));
        assertTrue(cli.store.entries.isEmpty(), "no secret was stored");
    }

    @Test
    void anAuthorityHostOffTheAllowListNeedsTheExplicitOverride() throws IOException {
        CliRun refused = new CliRun(home).stdin(CANARY);
        CliRun overridden = new CliRun(home).stdin(CANARY);

        int refusedCode = refused.run("config", "create", "--no-prompt", "--name", "x", "--tenant-id", TENANT,
                "--client-id", CLIENT, "--secret-stdin", "--cloud", "AzurePublic", "--authority-host", "https://login.evil.example");
        boolean savedAfterRefusal = Files.exists(home.resolve("profiles.json"));
        int overriddenCode = overridden.run("config", "create", "--no-prompt", "--name", "x", "--tenant-id", TENANT,
                "--client-id", CLIENT, "--secret-stdin", "--authority-host", "https://login.evil.example");

        assertEquals(2, refusedCode, refused.err);
        assertTrue(refused.err.contains("is not a Microsoft authority host"), refused.err);
        assertFalse(savedAfterRefusal);
        assertEquals(0, overriddenCode, overridden.err);
        String file = Files.readString(home.resolve("profiles.json"));
        assertTrue(file.contains("\"cloud\" : \"Custom\""), file);
    }

    @Test
    void clientCredentialsNeedASingleTenant() {
        CliRun cli = new CliRun(home).stdin(CANARY);

        int code = cli.run("config", "create", "--no-prompt", "--name", "x", "--tenant-id", "common", "--client-id", CLIENT,
                "--secret-stdin");

        assertEquals(2, code);
        assertTrue(cli.err.contains("client credentials flow needs a tenant"), cli.err);
    }

    @Test
    void aNameThatExistsIsRefusedAndTheExistingProfileKept() throws Exception {
        CliRun cli = new CliRun(home).stdin(CANARY);
        cli.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT, "--secret-stdin");
        String before = Files.readString(home.resolve("profiles.json"));

        int code = new CliRun(home).stdin("other").run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT,
                "--client-id", CLIENT, "--auth-method", "PublicClient");

        assertEquals(7, code);
        assertEquals(before, Files.readString(home.resolve("profiles.json")));
    }

    @Test
    void whenTheSecretCannotBeStoredNoProfileIsSaved() {
        CliRun cli = new CliRun(home).stdin(CANARY);
        cli.store.failWrites = true;

        int code = cli.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin");

        assertEquals(8, code, cli.err);
        assertFalse(Files.exists(home.resolve("profiles.json")));
    }

    @Test
    void theSecretCanComeFromAnEnvironmentVariableOrAFile() throws Exception {
        Path secretFile = home.resolve("secret.txt");
        Files.writeString(secretFile, "from-file\n");
        CliRun cli = new CliRun(home).env("MY_SECRET", "from-env");

        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "a", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-env", "MY_SECRET"), cli.err);
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "b", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-file", secretFile.toString()), cli.err);

        assertEquals("from-env", cli.store.text("a/client-secret"));
        assertEquals("from-file", cli.store.text("b/client-secret"));
    }

    @Test
    void theCreateProfileAliasOfTheSeedsWorks() {
        CliRun cli = new CliRun(home);

        int code = cli.run("create-profile", "--name", "interactive-app", "--no-prompt", "--tenant-id", "organizations",
                "--client-id", CLIENT, "--auth-method", "PublicClient", "--default-flow", "interactive");

        assertEquals(0, code, cli.err);
        assertEquals(0, cli.run("config", "show", "-p", "interactive-app", "--output", "json"));
        assertTrue(cli.out.contains("\"defaultFlow\" : \"InteractiveBrowser\""), cli.out);
    }

    @Test
    void aCertificateProfileKeepsThePathAndThePfxPasswordGoesToTheStore() throws Exception {
        Path pfx = Files.writeString(home.resolve("app.pfx"), "not checked until use");
        CliRun cli = new CliRun(home).env("PFX_PASSWORD", "pfx-" + CANARY);

        int code = cli.run("config", "create", "--no-prompt", "--name", "cert", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--certificate", pfx.toString(), "--certificate-password-env", "PFX_PASSWORD");

        assertEquals(0, code, cli.err);
        assertEquals("pfx-" + CANARY, cli.store.text("cert/certificate-password"));
        String file = Files.readString(home.resolve("profiles.json"));
        assertTrue(file.contains("\"kind\" : \"PFX\""), file);
        assertFalse(file.contains(CANARY));
    }

    @Test
    void aMissingCertificateFileIsReported() {
        CliRun cli = new CliRun(home);

        int code = cli.run("config", "create", "--no-prompt", "--name", "cert", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--certificate", home.resolve("missing.pem").toString());

        assertEquals(2, code);
        assertTrue(cli.err.contains("no file"), cli.err);
    }
}
