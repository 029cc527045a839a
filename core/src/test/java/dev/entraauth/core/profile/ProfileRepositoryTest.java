package dev.entraauth.core.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.registry.FlowRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileRepositoryTest {
    private static final String TENANT = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String CLIENT = "11111111-2222-3333-4444-555555555555";

    /** A valid file; the bad files below are small edits of it, so line and column numbers refer to this layout. */
    private static final String VALID = """
            {
              "schemaVersion": 1,
              "profiles": [
                {
                  "name": "dev",
                  "tenantId": "contoso.onmicrosoft.com",
                  "clientId": "11111111-2222-3333-4444-555555555555",
                  "authMethod": "ClientSecret"
                }
              ]
            }
            """;

    @TempDir
    Path home;

    private ProfileRepository repository() {
        return new ProfileRepository(home, FlowRegistry.of(List.of()));
    }

    private static Profile profile(String name) {
        return Profile.builder(name).tenantId(TENANT).clientId(CLIENT).authMethod(AuthMethod.ClientSecret).build();
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String edit(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException("the template does not contain " + from);
        }
        return VALID.replace(from, to);
    }

    /**
     * Each bad file: its content, the words its message must contain (field names), and the line and
     * column Jackson reports ({@code 0, 0} when the problem has no position).
     */
    static Stream<Arguments> badFiles() {
        return Stream.of(
                argumentSet("truncated JSON", VALID.substring(0, VALID.indexOf("\"dev\"")), List.of("not valid JSON"), 5, 15),
                argumentSet("invalid JSON syntax (missing comma)", edit("\"dev\",", "\"dev\""),
                        List.of("not valid JSON", "comma"), 6, 7),
                argumentSet("wrong type: scopes is a string", edit("\"ClientSecret\"", "\"ClientSecret\",\n      \"scopes\": \"x\""),
                        List.of("scopes", "wrong type", "a list"), 9, 17),
                argumentSet("wrong type: tenantId is a number", edit("\"contoso.onmicrosoft.com\"", "5"),
                        List.of("tenantId", "not a text value"), 6, 19),
                argumentSet("missing required field clientId", edit("      \"clientId\": \"" + CLIENT + "\",\n", ""),
                        List.of("clientId", "missing"), 8, 5),
                argumentSet("unknown field", edit("\"ClientSecret\"", "\"ClientSecret\",\n      \"colour\": \"blue\""),
                        List.of("unknown field 'colour'", "profiles[0]"), 10, 6),
                argumentSet("duplicate JSON key", edit("\"name\": \"dev\",", "\"name\": \"dev\",\n      \"name\": \"dev2\","),
                        List.of("Duplicate field 'name'"), 6, 13),
                argumentSet("newer schemaVersion 2", edit("\"schemaVersion\": 1", "\"schemaVersion\": 2"),
                        List.of("schemaVersion 2", "newer"), 0, 0),
                argumentSet("schemaVersion 0", edit("\"schemaVersion\": 1", "\"schemaVersion\": 0"),
                        List.of("schemaVersion 0", "not a valid version"), 0, 0),
                argumentSet("schemaVersion as text", edit("\"schemaVersion\": 1", "\"schemaVersion\": \"1\""),
                        List.of("schemaVersion", "whole number"), 0, 0),
                argumentSet("missing schemaVersion", edit("  \"schemaVersion\": 1,\n", ""),
                        List.of("missing field 'schemaVersion'"), 0, 0),
                argumentSet("not an object", "[]\n", List.of("expected a JSON object"), 0, 0),
                argumentSet("empty file", "", List.of("expected a JSON object"), 0, 0),
                argumentSet("invalid tenant", edit("contoso.onmicrosoft.com", "not a tenant"),
                        List.of("tenantId", "'not a tenant'", "profiles[0]"), 9, 5),
                argumentSet("invalid client GUID", edit(CLIENT, "1234"),
                        List.of("clientId", "'1234'", "not a GUID"), 9, 5),
                argumentSet("invalid authMethod", edit("\"ClientSecret\"", "\"Password\""),
                        List.of("authMethod", "'Password'", "ClientSecret, Certificate, PublicClient, ManagedIdentity"), 9, 5),
                argumentSet("unknown defaultFlow name", edit("\"ClientSecret\"", "\"ClientSecret\",\n      \"defaultFlow\": \"Telepathy\""),
                        List.of("profiles[0].defaultFlow", "'Telepathy'", "not a known flow"), 0, 0),
                argumentSet("client-credentials alias with a multi-tenant name",
                        edit("contoso.onmicrosoft.com", "common").replace("\"ClientSecret\"",
                                "\"ClientSecret\",\n      \"defaultFlow\": \"client-credentials\""),
                        List.of("profiles[0].tenantId", "'common'", "client credentials"), 0, 0),
                argumentSet("authority host off the allow-list without cloud Custom",
                        edit("\"ClientSecret\"", "\"ClientSecret\",\n      \"authorityHost\": \"https://login.evil.example\""),
                        List.of("authorityHost", "profiles[0]", "'https://login.evil.example'", "not a Microsoft authority host"),
                        10, 5),
                argumentSet("duplicate profile names", """
                        {
                          "schemaVersion": 1,
                          "profiles": [
                            {"name": "dev", "tenantId": "contoso.com", "clientId": "%s", "authMethod": "ClientSecret"},
                            {"name": "dev", "tenantId": "contoso.com", "clientId": "%s", "authMethod": "PublicClient"}
                          ]
                        }
                        """.formatted(CLIENT, CLIENT),
                        List.of("profiles[1].name", "duplicate profile name 'dev'", "profiles[0]"), 0, 0));
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badFileIsReportedAsConfigErrorNamingPathPositionAndField(String content, List<String> words, int line, int column)
            throws IOException {
        // Arrange
        Path file = home.resolve(ProfileRepository.FILE_NAME);
        Files.writeString(file, content, StandardCharsets.UTF_8);

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> repository().list());

        // Assert
        String message = e.getMessage();
        assertEquals(ExitCode.CONFIG, e.exitCode(), message);
        assertEquals(5, e.exitCode().code());
        assertTrue(message.startsWith(file.toString()), message);
        for (String word : words) {
            assertTrue(message.contains(word), "expected '" + word + "' in: " + message);
        }
        if (line > 0) {
            assertTrue(message.contains("line " + line + ", column " + column), message);
        } else {
            assertFalse(message.contains(", column "), "unexpected position in: " + message);
        }
        assertFalse(message.contains("\n"), "the message is one line: " + message);
        assertTrue(message.endsWith("The file was left unchanged; correct it and try again"), message);
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void badFileIsLeftByteIdenticalByListAndByEveryAttemptedChange(String content, List<String> words, int line, int column)
            throws IOException {
        // Arrange
        Path file = home.resolve(ProfileRepository.FILE_NAME);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        String before = sha256(file);
        ProfileRepository repository = repository();
        List<Executable> attempts = List.of(
                repository::list,
                () -> repository.create(profile("new")),
                () -> repository.update(current -> current),
                () -> repository.update(current -> List.of()),
                () -> repository.replace(profile("dev")),
                () -> repository.delete("dev"));

        for (Executable attempt : attempts) {
            // Act
            EntraAuthException e = assertThrows(EntraAuthException.class, attempt);

            // Assert
            assertEquals(ExitCode.CONFIG, e.exitCode(), e.getMessage());
            assertEquals(before, sha256(file), "the file was changed");
        }
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of("profiles.json", "profiles.lock"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left behind");
        }
    }

    @Test
    void missingFileIsAnEmptyListAndIsNotCreatedByReading() throws EntraAuthException {
        // Arrange
        Path absentHome = home.resolve("not-yet");
        ProfileRepository repository = new ProfileRepository(absentHome, FlowRegistry.of(List.of()));

        // Act
        List<Profile> profiles = repository.list();

        // Assert
        assertEquals(List.of(), profiles);
        assertFalse(Files.exists(absentHome));
    }

    @Test
    void createdProfilesAreListedInCreationOrderThenReplacedThenDeleted() throws EntraAuthException {
        // Arrange
        ProfileRepository repository = repository();
        Profile dev = profile("dev");
        Profile prod = Profile.builder("prod").tenantId("contoso.onmicrosoft.com").clientId(CLIENT)
                .authMethod(AuthMethod.PublicClient).scopes(List.of("User.Read")).environment("prod").build();

        // Act + Assert: create
        repository.create(dev);
        repository.create(prod);
        assertEquals(List.of(dev, prod), repository.list());
        assertEquals(prod, repository.get("prod"));

        // Act + Assert: replace keeps the position
        Profile changed = dev.toBuilder().scopes(List.of("api://payroll/.default")).appName("Payroll").build();
        repository.replace(changed);
        assertEquals(List.of(changed, prod), repository.list());

        // Act + Assert: delete
        repository.delete("dev");
        assertEquals(List.of(prod), repository.list());
        assertTrue(repository.find("dev").isEmpty());
    }

    @Test
    void writtenFileIsReadBackIdenticallyByAFreshRepository() throws EntraAuthException {
        // Arrange
        Profile rich = Profile.builder("rich").tenantId(TENANT).clientId(CLIENT).authMethod(AuthMethod.ClientSecret)
                .defaultFlow("ClientCredentials").scopes(List.of("a", "b")).environment("staging").appName("App")
                .credentialExpiry(java.time.Instant.parse("2027-05-01T00:00:00Z"))
                .redirectPorts(dev.entraauth.api.profile.PortRange.parse("50000-50010")).build();
        repository().create(rich);

        // Act
        List<Profile> read = new ProfileRepository(home, FlowRegistry.of(List.of())).list();

        // Assert
        assertEquals(List.of(rich), read);
    }

    @Test
    void creatingAnExistingNameIsAConflictAndLeavesTheFileUnchanged() throws Exception {
        // Arrange
        ProfileRepository repository = repository();
        repository.create(profile("dev"));
        Path file = repository.file();
        String before = sha256(file);

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class,
                () -> repository.create(profile("dev").toBuilder().authMethod(AuthMethod.PublicClient).build()));

        // Assert
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertTrue(e.getMessage().contains("'dev' exists already"), e.getMessage());
        assertEquals(before, sha256(file));
    }

    @Test
    void changeThatProducesDuplicateNamesIsAConflictAndWritesNothing() throws Exception {
        // Arrange
        ProfileRepository repository = repository();
        repository.create(profile("dev"));
        String before = sha256(repository.file());

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class,
                () -> repository.update(current -> List.of(profile("dev"), profile("dev"))));

        // Assert
        assertEquals(ExitCode.CONFLICT, e.exitCode());
        assertEquals(before, sha256(repository.file()));
    }

    @Test
    void changeThatRefusesWritesNothing() throws Exception {
        // Arrange
        ProfileRepository repository = repository();
        repository.create(profile("dev"));
        String before = sha256(repository.file());

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> repository.update(current -> {
            current.clear();
            throw new EntraAuthException(ExitCode.USAGE, "refused");
        }));

        // Assert
        assertEquals("refused", e.getMessage());
        assertEquals(before, sha256(repository.file()));
    }

    @Test
    void getOfAMissingNameIsNotFoundAndListsTheExistingNames() throws EntraAuthException {
        // Arrange
        ProfileRepository repository = repository();
        repository.create(profile("dev"));
        repository.create(profile("prod"));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> repository.get("staging"));

        // Assert
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("no profile 'staging'"), e.getMessage());
        assertTrue(e.getMessage().contains("Profiles: dev, prod"), e.getMessage());
    }

    @Test
    void getWithoutAnyProfileIsNotFoundAndSaysHowToCreateOne() {
        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> repository().get("dev"));

        // Assert
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains("config create"), e.getMessage());
    }

    @Test
    void replaceAndDeleteOfAMissingNameAreNotFound() throws EntraAuthException {
        // Arrange
        ProfileRepository repository = repository();
        repository.create(profile("dev"));

        // Act
        EntraAuthException replace = assertThrows(EntraAuthException.class, () -> repository.replace(profile("prod")));
        EntraAuthException delete = assertThrows(EntraAuthException.class, () -> repository.delete("prod"));

        // Assert
        assertEquals(ExitCode.NOT_FOUND, replace.exitCode());
        assertEquals(ExitCode.NOT_FOUND, delete.exitCode());
        assertEquals(List.of(profile("dev")), repository.list());
    }

    @Test
    void writeCreatesTheHomeDirectoryRwxAndTheFileRwForTheOwnerOnly() throws Exception {
        // Arrange
        Path newHome = home.resolve("nested").resolve(".entra-auth-cli");
        ProfileRepository repository = new ProfileRepository(newHome, FlowRegistry.of(List.of()));

        // Act
        repository.create(profile("dev"));

        // Assert
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(newHome));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(repository.file()));
    }

    @Test
    void writeTightensAnExistingHomeDirectoryWithMode0755To0700() throws Exception {
        // Arrange
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

        // Act
        repository().create(profile("dev"));

        // Assert
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(home));
    }

    @Test
    void writeReplacesAWorldReadableProfilesFileWithAnOwnerOnlyOne() throws Exception {
        // Arrange
        Path file = home.resolve(ProfileRepository.FILE_NAME);
        Files.writeString(file, VALID);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        // Act
        repository().create(profile("prod"));

        // Assert
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(List.of("dev", "prod"), repository().list().stream().map(Profile::name).toList());
    }

    @Test
    void defaultFlowAliasInTheFileIsReadAsItsCanonicalNameAndRewrittenCanonical() throws Exception {
        // Arrange
        Path file = home.resolve(ProfileRepository.FILE_NAME);
        Files.writeString(file, edit("\"ClientSecret\"", "\"ClientSecret\",\n      \"defaultFlow\": \"client-credentials\""));
        ProfileRepository repository = repository();

        // Act
        String read = repository.get("dev").defaultFlow();
        repository.create(profile("prod"));

        // Assert
        assertEquals("ClientCredentials", read);
        String written = Files.readString(file);
        assertTrue(written.contains("\"defaultFlow\" : \"ClientCredentials\""), written);
        assertFalse(written.contains("client-credentials"), written);
    }

    @Test
    void createWithADefaultFlowAliasStoresTheCanonicalName() throws Exception {
        // Arrange
        ProfileRepository repository = repository();
        Profile withAlias = Profile.builder("dev").tenantId(TENANT).clientId(CLIENT).authMethod(AuthMethod.PublicClient)
                .defaultFlow("device-code").build();

        // Act
        repository.create(withAlias);

        // Assert
        String written = Files.readString(repository.file());
        assertTrue(written.contains("\"defaultFlow\" : \"DeviceCode\""), written);
        assertEquals("DeviceCode", repository.get("dev").defaultFlow());
    }

    @Test
    void createWithAnUnknownDefaultFlowIsRefusedAndLeavesAReadableFileUnchanged() throws Exception {
        // Arrange
        ProfileRepository repository = repository();
        repository.create(profile("dev"));
        String before = sha256(repository.file());
        Profile unknownFlow = profile("prod").toBuilder().defaultFlow("Telepathy").build();

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> repository.create(unknownFlow));

        // Assert
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("'Telepathy'"), e.getMessage());
        assertEquals(before, sha256(repository.file()));
        assertEquals(List.of(profile("dev")), repository.list());
    }

    @Test
    void fileWrittenByTheRepositoryHasSchemaVersionOneAndAFixedFieldOrder() throws Exception {
        // Arrange
        ProfileRepository repository = repository();

        // Act
        repository.create(profile("dev"));

        // Assert
        String written = Files.readString(repository.file());
        assertTrue(written.startsWith("{\n  \"schemaVersion\" : 1,\n  \"profiles\" : [ {\n    \"name\" : \"dev\""), written);
        assertArrayEquals(new String[] {"name", "tenantId", "clientId", "authMethod", "cloud"},
                ProfileJson.mapper().readTree(written).get("profiles").get(0).properties().stream().map(java.util.Map.Entry::getKey)
                        .toArray(String[]::new));
    }
}
