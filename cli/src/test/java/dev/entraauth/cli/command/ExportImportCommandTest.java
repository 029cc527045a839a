package dev.entraauth.cli.command;

import static dev.entraauth.cli.command.ConfigCreateCommandTest.CANARY;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.CLIENT;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportImportCommandTest {
    static final String PASSPHRASE = "a long export passphrase";

    @TempDir
    Path source;

    @TempDir
    Path target;

    CliRun from;

    @BeforeEach
    void profiles() {
        from = new CliRun(source).stdin(CANARY);
        assertEquals(0, from.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin", "--environment", "prod"), from.err);
        assertEquals(0, from.run("config", "create", "--no-prompt", "--name", "me", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--auth-method", "PublicClient"), from.err);
    }

    @Test
    void exportLeavesSecretsOutByDefaultAndWritesAPrivateFile() throws Exception {
        Path file = source.resolve("team.json");

        assertEquals(0, from.run("config", "export", "-o", file.toString()), from.err);

        String json = Files.readString(file);
        assertTrue(json.contains("\"name\" : \"ci\"") && json.contains("\"name\" : \"me\""), json);
        assertFalse(json.contains("secrets"), json);
        assertFalse(json.contains(CANARY));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void importRoundTripsProfilesWithoutSecrets() throws Exception {
        Path file = source.resolve("team.json");
        from.run("config", "export", "-o", file.toString());
        CliRun to = new CliRun(target);

        assertEquals(0, to.run("config", "import", "-f", file.toString()), to.err);
        assertTrue(to.err.contains("config edit -p NAME --secret-stdin"), "says how to add the missing secret: " + to.err);

        assertEquals(0, to.run("config", "list", "--output", "json"));
        assertTrue(to.out.contains("\"ci\"") && to.out.contains("\"me\""), to.out);
        assertTrue(to.store.entries.isEmpty());
    }

    @Test
    void secretsAreExportedOnlyEncryptedAndImportedWithThePassphrase() throws Exception {
        Path file = source.resolve("with-secrets.json");
        from.env(ExportPassphrase.VARIABLE, PASSPHRASE);

        assertEquals(0, from.run("config", "export", "-o", file.toString(), "--include-secrets"), from.err);
        String json = Files.readString(file);
        assertTrue(json.contains("\"kdf\" : \"argon2id\""), json);
        assertFalse(json.contains(CANARY));
        assertFalse(json.contains(Base64.getEncoder().encodeToString(CANARY.getBytes())));

        CliRun wrong = new CliRun(target).env(ExportPassphrase.VARIABLE, "not the passphrase");
        assertEquals(1, wrong.run("config", "import", "-f", file.toString()));
        assertTrue(wrong.err.contains("wrong passphrase"), wrong.err);
        assertFalse(Files.exists(target.resolve("profiles.json")), "nothing is imported with a wrong passphrase");

        CliRun to = new CliRun(target).env(ExportPassphrase.VARIABLE, PASSPHRASE);
        assertEquals(0, to.run("config", "import", "-f", file.toString()), to.err);
        assertEquals(CANARY, to.store.text("ci/client-secret"));
    }

    @Test
    void exportRefusesToOverwriteAFileWithoutForce() throws Exception {
        Path file = Files.writeString(source.resolve("exists.json"), "keep me");

        assertEquals(7, from.run("config", "export", "-o", file.toString()));
        assertEquals("keep me", Files.readString(file));
        assertEquals(0, from.run("config", "export", "-o", file.toString(), "--force"), from.err);
    }

    @Test
    void exportToStdoutPrintsOnlyTheJson() {
        assertEquals(0, from.run("config", "export", "-p", "me"));
        assertTrue(from.out.startsWith("{") && from.out.contains("\"name\" : \"me\"") && !from.out.contains("\"ci\""), from.out);
    }

    @Test
    void importNeverOverwritesSilently() throws Exception {
        Path file = source.resolve("team.json");
        from.run("config", "export", "-o", file.toString());
        CliRun to = new CliRun(target).stdin("other-secret");
        to.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", "fabrikam.com", "--client-id", CLIENT, "--secret-stdin");

        assertEquals(7, to.run("config", "import", "-f", file.toString()));
        assertTrue(to.err.contains("ci") && to.err.contains("--rename") && to.err.contains("--overwrite"), to.err);
        assertEquals(0, to.run("config", "show", "-p", "ci", "--output", "json"));
        assertTrue(to.out.contains("fabrikam.com"));
        assertEquals(6, to.run("config", "show", "-p", "me"), "nothing at all was imported");
    }

    @Test
    void importWithRenameKeepsBothAndWithOverwriteReplaces() throws Exception {
        Path file = source.resolve("team.json");
        from.run("config", "export", "-o", file.toString());
        CliRun to = new CliRun(target).stdin("other-secret");
        to.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", "fabrikam.com", "--client-id", CLIENT, "--secret-stdin");

        assertEquals(0, to.run("config", "import", "-f", file.toString(), "--rename"), to.err);
        assertEquals(0, to.run("config", "show", "-p", "ci-2", "--output", "json"));
        assertTrue(to.out.contains(TENANT));
        assertEquals("other-secret", to.store.text("ci/client-secret"));

        assertEquals(0, to.run("config", "import", "-f", file.toString(), "--overwrite"), to.err);
        assertEquals(0, to.run("config", "show", "-p", "ci", "--output", "json"));
        assertTrue(to.out.contains(TENANT), to.out);
        assertNull(to.store.text("ci/client-secret"), "the replaced profile's old secret is removed");
    }

    @Test
    void anInvalidImportFileIsReportedWithLineAndColumn() throws Exception {
        Path file = Files.writeString(source.resolve("bad.json"), "{\"format\": \"entra-auth-cli-profiles\",\n \"version\": 1,\n \"profiles\": [ {\"name\": \"x\", \"tenantId\": \"not a tenant\"");
        CliRun to = new CliRun(target);

        assertEquals(5, to.run("config", "import", "-f", file.toString()));
        assertTrue(to.err.contains("line 3"), to.err);
    }
}
