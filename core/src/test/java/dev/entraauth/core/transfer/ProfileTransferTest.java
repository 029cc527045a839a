package dev.entraauth.core.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.core.profile.ProfileJson;
import dev.entraauth.core.registry.FlowRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProfileTransferTest {
    private static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30Z");
    private static final String CANARY = "CANARY-s3cr3t-7f3a9b2c-do-not-leak";
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    private static final SecretKey DEV_SECRET = new SecretKey("dev", SecretKey.CLIENT_SECRET);

    @TempDir
    Path dir;

    private final ProfileTransfer transfer = new ProfileTransfer(FlowRegistry.of(List.of()));

    private static final Profile DEV = Profile.builder("dev").tenantId("contoso.onmicrosoft.com").clientId(CLIENT)
            .authMethod(AuthMethod.ClientSecret).scopes(List.of("api://payroll/.default")).build();
    private static final Profile PROD = Profile.builder("prod").tenantId("contoso.onmicrosoft.com").clientId(CLIENT)
            .authMethod(AuthMethod.PublicClient).defaultFlow("DeviceCode").environment("prod").build();

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private Path exportWithSecret() throws Exception {
        byte[] bytes = transfer.export(List.of(DEV, PROD), Map.of(DEV_SECRET, CANARY.getBytes(StandardCharsets.UTF_8)),
                PASSPHRASE.clone(), NOW);
        return write("export.json", bytes);
    }

    @Test
    void exportWithoutSecretsHasNoSecretsFieldAndReadsBackTheSameProfiles() throws Exception {
        // Arrange
        byte[] bytes = transfer.export(List.of(DEV, PROD), Map.of(), null, NOW);
        Path file = write("export.json", bytes);

        // Act
        JsonNode json = ProfileJson.mapper().readTree(bytes);
        ProfileTransfer.Bundle bundle = transfer.read(file);

        // Assert
        assertFalse(json.has("secrets"), new String(bytes, StandardCharsets.UTF_8));
        assertEquals("entra-auth-cli-profiles", json.get("format").asText());
        assertEquals(1, json.get("version").asInt());
        assertEquals(NOW.toString(), json.get("exportedAt").asText());
        assertEquals(List.of(DEV, PROD), bundle.profiles());
        assertFalse(bundle.hasSecrets());
        assertEquals(Map.of(), bundle.secrets(PASSPHRASE.clone()));
    }

    @Test
    void exportWithSecretsDecryptsWithThePassphraseToTheSameBytes() throws Exception {
        // Arrange
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        SecretKey pfxPassword = new SecretKey("prod", SecretKey.TOKEN_CACHE);
        byte[] bytes = transfer.export(List.of(DEV, PROD),
                Map.of(DEV_SECRET, CANARY.getBytes(StandardCharsets.UTF_8), pfxPassword, binary), PASSPHRASE.clone(), NOW);
        Path file = write("export.json", bytes);

        // Act
        ProfileTransfer.Bundle bundle = transfer.read(file);
        Map<SecretKey, byte[]> secrets = bundle.secrets(PASSPHRASE.clone());

        // Assert
        assertTrue(bundle.hasSecrets());
        assertEquals(List.of(DEV, PROD), bundle.profiles());
        assertEquals(2, secrets.size());
        assertArrayEquals(CANARY.getBytes(StandardCharsets.UTF_8), secrets.get(DEV_SECRET));
        assertArrayEquals(binary, secrets.get(pfxPassword));
    }

    @Test
    void exportedBytesContainNeitherTheSecretNorItsBase64() throws Exception {
        // Arrange
        byte[] secret = CANARY.getBytes(StandardCharsets.UTF_8);

        // Act
        byte[] bytes = transfer.export(List.of(DEV), Map.of(DEV_SECRET, secret), PASSPHRASE.clone(), NOW);

        // Assert
        assertFalse(contains(bytes, secret), "plaintext secret in the export");
        assertFalse(contains(bytes, Base64.getEncoder().encode(secret)), "base64 of the secret in the export");
        assertFalse(contains(bytes, Base64.getUrlEncoder().withoutPadding().encode(secret)), "base64url of the secret");
        assertFalse(contains(bytes, new String(PASSPHRASE).getBytes(StandardCharsets.UTF_8)), "passphrase in the export");
    }

    @Test
    void exportingTheSameSecretTwiceGivesDifferentCiphertexts() throws Exception {
        // Act
        JsonNode first = ProfileJson.mapper().readTree(
                transfer.export(List.of(DEV), Map.of(DEV_SECRET, CANARY.getBytes(StandardCharsets.UTF_8)), PASSPHRASE.clone(), NOW));
        JsonNode second = ProfileJson.mapper().readTree(
                transfer.export(List.of(DEV), Map.of(DEV_SECRET, CANARY.getBytes(StandardCharsets.UTF_8)), PASSPHRASE.clone(), NOW));

        // Assert
        assertFalse(first.get("secrets").get("salt").equals(second.get("secrets").get("salt")));
        assertFalse(first.get("secrets").get("ciphertext").equals(second.get("secrets").get("ciphertext")));
    }

    @Test
    void wrongPassphraseGivesOneLineErrorWithoutThePassphraseOrTheSecret() throws Exception {
        // Arrange
        Path file = exportWithSecret();
        ProfileTransfer.Bundle bundle = transfer.read(file);
        String wrong = "Tr0ub4dor&3-wrong-passphrase";

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> bundle.secrets(wrong.toCharArray()));

        // Assert
        String message = e.getMessage();
        assertEquals(ExitCode.ERROR, e.exitCode());
        assertTrue(message.contains(file.toString()), message);
        assertTrue(message.contains("wrong passphrase"), message);
        assertFalse(message.contains("\n") || message.contains("\r"), "more than one line: " + message);
        assertFalse(message.contains(wrong), "the typed passphrase is in the message");
        assertFalse(message.contains(new String(PASSPHRASE)), "the real passphrase is in the message");
        assertFalse(message.contains(CANARY), "the secret is in the message");
    }

    @Test
    void tamperedCiphertextFailsToDecrypt() throws Exception {
        // Arrange
        Path file = exportWithSecret();
        ObjectNode json = (ObjectNode) ProfileJson.mapper().readTree(file.toFile());
        ObjectNode secrets = (ObjectNode) json.get("secrets");
        byte[] ciphertext = Base64.getDecoder().decode(secrets.get("ciphertext").asText());
        ciphertext[ciphertext.length / 2] ^= 0x01;
        secrets.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));
        Path tampered = write("tampered.json", ProfileJson.mapper().writeValueAsBytes(json));
        ProfileTransfer.Bundle bundle = transfer.read(tampered);

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> bundle.secrets(PASSPHRASE.clone()));

        // Assert
        assertTrue(e.getMessage().contains("modified"), e.getMessage());
        assertFalse(e.getMessage().contains(CANARY));
    }

    @Test
    void tamperedKeyDerivationParametersFailToDecrypt() throws Exception {
        // Arrange: the parameters are authenticated, so even a harmless-looking change is detected
        Path file = exportWithSecret();
        ObjectNode json = (ObjectNode) ProfileJson.mapper().readTree(file.toFile());
        ObjectNode secrets = (ObjectNode) json.get("secrets");
        secrets.put("iterations", secrets.get("iterations").asInt() + 1);
        ProfileTransfer.Bundle bundle = transfer.read(write("tampered.json", ProfileJson.mapper().writeValueAsBytes(json)));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> bundle.secrets(PASSPHRASE.clone()));

        // Assert
        assertTrue(e.getMessage().contains("wrong passphrase, or the secrets in the file were modified"), e.getMessage());
    }

    @Test
    void unboundedKeyDerivationParametersAreRefusedAsConfigError() throws Exception {
        // Arrange
        Path file = exportWithSecret();
        ObjectNode json = (ObjectNode) ProfileJson.mapper().readTree(file.toFile());
        ((ObjectNode) json.get("secrets")).put("memoryKiB", Integer.MAX_VALUE);
        ProfileTransfer.Bundle bundle = transfer.read(write("tampered.json", ProfileJson.mapper().writeValueAsBytes(json)));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> bundle.secrets(PASSPHRASE.clone()));

        // Assert
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("unsupported key-derivation parameters"), e.getMessage());
    }

    @Test
    void secretOfAProfileThatIsNotInTheFileIsRefused() throws Exception {
        // Arrange
        byte[] bytes = transfer.export(List.of(DEV), Map.of(new SecretKey("other", SecretKey.CLIENT_SECRET), new byte[] {1}),
                PASSPHRASE.clone(), NOW);
        ProfileTransfer.Bundle bundle = transfer.read(write("export.json", bytes));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> bundle.secrets(PASSPHRASE.clone()));

        // Assert
        assertEquals(ExitCode.CONFIG, e.exitCode());
    }

    @Test
    void exportOfSecretsWithoutAPassphraseIsRefused() {
        // Act + Assert
        assertThrows(IllegalArgumentException.class,
                () -> transfer.export(List.of(DEV), Map.of(DEV_SECRET, new byte[] {1}), new char[0], NOW));
        assertThrows(IllegalArgumentException.class,
                () -> transfer.export(List.of(DEV), Map.of(DEV_SECRET, new byte[] {1}), null, NOW));
    }

    /**
     * Jackson reports a value the record constructor refuses, and an unknown field, at the end of the
     * enclosing object (its closing brace), not at the field; the message names the field.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated JSON            | {\\n  "format": "entra-auth-cli-profiles",\\n  "version": 1,\\n  "profiles": [                  | 4 | 16 | not valid JSON
            invalid JSON syntax       | {\\n  "format": "entra-auth-cli-profiles"\\n  "version": 1\\n}\\n                               | 3 |  3 | not valid JSON
            version as text           | {\\n  "format": "entra-auth-cli-profiles",\\n  "version": "1"\\n}\\n                            | 3 | 14 | version
            unsupported version       | {\\n  "format": "entra-auth-cli-profiles",\\n  "version": 2\\n}\\n                              | 4 |  1 | version: 2 is not supported
            not an export file        | {\\n  "format": "something-else",\\n  "version": 1\\n}\\n                                       | 4 |  1 | format: not an entra-auth-cli export file
            unknown field             | {\\n  "format": "entra-auth-cli-profiles",\\n  "version": 1,\\n  "extra": true\\n}\\n           | 5 |  2 | unknown field 'extra'
            invalid tenant in profile | {"format": "entra-auth-cli-profiles", "version": 1, "profiles": [{"name": "dev", "tenantId": "x y", "clientId": "11111111-2222-3333-4444-555555555555", "authMethod": "PublicClient"}]} | 1 | 181 | tenantId
            """)
    void invalidExportFileIsAConfigErrorWithLineAndColumn(String label, String content, int line, int column, String words)
            throws IOException {
        // Arrange
        Path file = write("import.json", content.strip().replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> transfer.read(file));

        // Assert
        assertEquals(ExitCode.CONFIG, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith(file + ": line " + line + ", column " + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void duplicateProfileNamesInAnExportFileAreAConfigError() throws Exception {
        // Arrange
        byte[] one = transfer.export(List.of(DEV), Map.of(), null, NOW);
        ObjectNode json = (ObjectNode) ProfileJson.mapper().readTree(one);
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("profiles")).add(json.get("profiles").get(0).deepCopy());
        Path file = write("dup.json", ProfileJson.mapper().writeValueAsBytes(json));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> transfer.read(file));

        // Assert
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("profiles[1].name: duplicate profile name 'dev'"), e.getMessage());
    }

    @Test
    void defaultFlowAliasInAnExportFileIsImportedAsTheCanonicalName() throws Exception {
        // Arrange
        String content = """
                {"format": "entra-auth-cli-profiles", "version": 1, "profiles": [
                  {"name": "dev", "tenantId": "common", "clientId": "%s", "authMethod": "PublicClient", "defaultFlow": "device-code"}
                ]}
                """.formatted(CLIENT);
        Path file = write("import.json", content.getBytes(StandardCharsets.UTF_8));

        // Act
        ProfileTransfer.Bundle bundle = transfer.read(file);

        // Assert
        assertEquals("DeviceCode", bundle.profiles().getFirst().defaultFlow());
    }

    @Test
    void clientCredentialsAliasWithAMultiTenantNameIsAConfigErrorNotACrash() throws Exception {
        // Arrange
        String content = """
                {"format": "entra-auth-cli-profiles", "version": 1, "profiles": [
                  {"name": "dev", "tenantId": "common", "clientId": "%s", "authMethod": "ClientSecret", "defaultFlow": "client-credentials"}
                ]}
                """.formatted(CLIENT);
        Path file = write("import.json", content.getBytes(StandardCharsets.UTF_8));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> transfer.read(file));

        // Assert
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("profiles[0].tenantId"), e.getMessage());
    }

    @Test
    void missingExportFileIsNotFound() {
        // Arrange
        Path file = dir.resolve("absent.json");

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> transfer.read(file));

        // Assert
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
