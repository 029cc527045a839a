package dev.entraauth.cli.command;

import static dev.entraauth.cli.command.ConfigCreateCommandTest.CANARY;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.CLIENT;
import static dev.entraauth.cli.command.ConfigCreateCommandTest.TENANT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** list, show, edit and delete, on profiles made by {@code config create}. */
class ProfileCommandsTest {
    @TempDir
    Path home;

    CliRun cli;

    @BeforeEach
    void twoProfiles() {
        cli = new CliRun(home).stdin(CANARY);
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin", "--scope", "api://x/.default", "--environment", "prod"), cli.err);
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "me", "--tenant-id", "contoso.onmicrosoft.com",
                "--client-id", CLIENT, "--auth-method", "PublicClient"), cli.err);
    }

    @Test
    void listShowsATableOnStdout() {
        assertEquals(0, cli.run("config", "list"));

        String[] lines = cli.out.split("\n");
        assertTrue(lines[0].startsWith("NAME"), cli.out);
        assertTrue(lines[1].startsWith("ci ") && lines[1].contains("ClientSecret") && lines[1].contains("prod"), cli.out);
        assertTrue(lines[2].startsWith("me ") && lines[2].contains("PublicClient"), cli.out);
        assertFalse(cli.all().contains(CANARY));
    }

    @Test
    void listAsJsonIsAnArrayScriptsCanParse() throws Exception {
        assertEquals(0, cli.run("config", "list", "--output", "json"));

        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertEquals(2, json.size());
        assertEquals("ci", json.get(0).get("name").asText());
        assertEquals(TENANT, json.get(0).get("tenantId").asText());
        assertEquals("", cli.err);
    }

    @Test
    void showNeverPrintsTheSecret() {
        assertEquals(0, cli.run("config", "show", "-p", "ci"));

        assertTrue(cli.out.contains("Client secret:") && cli.out.contains("never shown"), cli.out);
        assertFalse(cli.all().contains(CANARY));
    }

    @Test
    void showOfAMissingProfileListsTheExistingOnes() {
        assertEquals(6, cli.run("config", "show", "-p", "nope"));
        assertTrue(cli.err.contains("no profile 'nope'. Profiles: ci, me"), cli.err);
    }

    @Test
    void editChangesOnlyTheGivenFields() throws Exception {
        assertEquals(0, cli.run("config", "edit", "-p", "ci", "--environment", "staging", "--default-flow", "device-code"), cli.err);

        assertEquals(0, cli.run("config", "show", "-p", "ci", "--output", "json"));
        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertEquals("staging", json.get("environment").asText());
        assertEquals("DeviceCode", json.get("defaultFlow").asText());
        assertEquals(TENANT, json.get("tenantId").asText());
        assertEquals(CANARY, cli.store.text("ci/client-secret"), "the secret is kept");
    }

    @Test
    void editReplacesTheSecretFromStdin() {
        CliRun edit = new CliRun(home).stdin("rotated-secret");
        edit.store.entries.putAll(cli.store.entries);

        assertEquals(0, edit.run("config", "edit", "-p", "ci", "--secret-stdin"), edit.err);

        assertEquals("rotated-secret", edit.store.text("ci/client-secret"));
    }

    @Test
    void switchingToAPublicClientRemovesTheStaleSecret() {
        assertEquals(0, cli.run("config", "edit", "-p", "ci", "--auth-method", "PublicClient"), cli.err);

        assertNull(cli.store.text("ci/client-secret"));
    }

    @Test
    void editWithoutFlagsOnATerminalWalksThroughEverySettingWithCurrentValues() throws Exception {
        ScriptedTerminal terminal = new ScriptedTerminal("", "", "", "n", "", "dev", "y", "2", "new-secret");
        cli.terminal(terminal);

        assertEquals(0, cli.run("config", "edit", "-p", "ci"), cli.err);

        assertEquals(java.util.List.of("Tenant ID [" + TENANT + "]", "Client ID [" + CLIENT + "]", "Select 1-5 [1]",
                "Set default OAuth2 flow? (y/n) [n]", "Scopes (space-separated) [api://x/.default]", "Environment label [prod]",
                "Update client secret? (y/n) [n]", "Select 1-2 [1]", "(secret) Enter client secret"), terminal.prompts);
        assertEquals("new-secret", cli.store.text("ci/client-secret"));
        assertEquals(0, cli.run("config", "show", "-p", "ci", "--output", "json"));
        assertEquals("dev", new ObjectMapper().readTree(cli.out).get("environment").asText());
    }

    @Test
    void editWithNothingToChangeAndNoTerminalIsAUsageError() {
        assertEquals(2, cli.run("config", "edit", "-p", "ci"));
        assertTrue(cli.err.contains("nothing to change"), cli.err);
    }

    @Test
    void deleteRemovesTheProfileAndItsSecrets() {
        assertEquals(0, cli.run("config", "delete", "-p", "ci", "--yes"), cli.err);

        assertTrue(cli.store.entries.isEmpty(), cli.store.entries.keySet().toString());
        assertEquals(6, cli.run("config", "show", "-p", "ci"));
    }

    @Test
    void deleteWithoutConfirmationAndWithoutATerminalRefuses() throws Exception {
        byte[] before = Files.readAllBytes(home.resolve("profiles.json"));

        assertEquals(2, cli.run("config", "delete", "-p", "ci"));

        assertTrue(cli.err.contains("--yes"), cli.err);
        assertArrayEquals(before, Files.readAllBytes(home.resolve("profiles.json")));
    }

    @Test
    void deleteAsksOnATerminalAndANoKeepsEverything() {
        cli.terminal(new ScriptedTerminal("n"));

        assertEquals(0, cli.run("config", "delete", "-p", "ci"));

        assertEquals(CANARY, cli.store.text("ci/client-secret"));
        assertEquals(0, cli.run("config", "show", "-p", "ci"));
    }

    @Test
    void theDeleteProfileAliasOfTheSeedsWorks() {
        assertEquals(0, cli.run("delete-profile", "--name", "me", "--yes"), cli.err);
        assertEquals(6, cli.run("config", "show", "-p", "me"));
    }

    @Test
    void theProfileFileIsPrivate() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("profiles.json"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
    }

    @Test
    void aCorruptProfileFileIsReportedWithPathLineAndColumnAndLeftUntouched() throws Exception {
        Path file = home.resolve("profiles.json");
        String good = Files.readString(file);
        Files.writeString(file, good.substring(0, good.length() / 2));
        byte[] before = Files.readAllBytes(file);

        int code = cli.run("config", "list");
        int createCode = new CliRun(home).run("config", "create", "--no-prompt", "--name", "z", "--tenant-id", TENANT,
                "--client-id", CLIENT, "--auth-method", "PublicClient");

        assertEquals(5, code);
        assertEquals(5, createCode, "a write is refused too; the file is never reset");
        assertTrue(cli.err.contains(file.toString()) && cli.err.matches("(?s).*line \\d+, column \\d+.*"), cli.err);
        assertEquals(1, cli.err.lines().count(), "one line, no stack trace: " + cli.err);
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void debugShowsTheStackTraceOfAFailure() throws Exception {
        Files.writeString(home.resolve("profiles.json"), "{\"schemaVersion\": 1, \"profiles\": [ {\"name\": 5} ] }");

        assertEquals(5, cli.run("--debug", "config", "list"));
        assertTrue(cli.err.contains("\tat "), cli.err);
        assertEquals(5, cli.run("config", "list"));
        assertFalse(cli.err.contains("\tat "), cli.err);
    }
}
