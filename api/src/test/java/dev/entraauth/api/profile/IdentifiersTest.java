package dev.entraauth.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
    private static final String GUID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            GUID,
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff"})
    void lowerCaseGuidIsAcceptedUnchanged(String text) {
        // Act
        String normalized = Identifiers.guid("clientId", text);

        // Assert
        assertEquals(text, normalized);
    }

    @Test
    void upperCaseGuidIsAcceptedAndNormalizedToLowerCase() {
        // Arrange
        String upper = GUID.toUpperCase(java.util.Locale.ROOT);

        // Act
        String normalized = Identifiers.guid("clientId", upper);

        // Assert
        assertEquals(GUID, normalized);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {
            " ",
            " " + GUID,
            GUID + " ",
            "0f1e2d3c 4b5a 6978 8796 a5b4c3d2e1f0",
            "{" + GUID + "}",
            "(" + GUID + ")",
            "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f",
            "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f00",
            "gf1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
            "1234"})
    void textThatIsNotExactlyAGuidIsRejectedNamingTheField(String text) {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Identifiers.guid("clientId", text));

        // Assert
        assertTrue(e.getMessage().startsWith("clientId: "), e.getMessage());
        assertTrue(e.getMessage().contains("is not a GUID"), e.getMessage());
    }

    @Test
    void missingAndEmptyGuidsAreDescribedInWordsNotAsQuotes() {
        // Act
        String missing = assertThrows(IllegalArgumentException.class, () -> Identifiers.guid("clientId", null)).getMessage();
        String empty = assertThrows(IllegalArgumentException.class, () -> Identifiers.guid("clientId", "")).getMessage();

        // Assert
        assertTrue(missing.contains("missing"), missing);
        assertTrue(empty.contains("an empty value"), empty);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({
            GUID + ", " + GUID,
            "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0, " + GUID,
            "common, common",
            "organizations, organizations",
            "consumers, consumers",
            "Common, common",
            "contoso.onmicrosoft.com, contoso.onmicrosoft.com",
            "Contoso.OnMicrosoft.COM, contoso.onmicrosoft.com",
            "contoso.com, contoso.com",
            "login.contoso.co.uk, login.contoso.co.uk",
            "my-company.example, my-company.example",
            "x1.io, x1.io"})
    void validTenantsAreAcceptedAndNormalizedToLowerCase(String text, String expected) {
        // Act
        String tenant = Identifiers.tenant(text);

        // Assert
        assertEquals(expected, tenant);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {
            " ",
            " contoso.com",
            "contoso.com ",
            "contoso .com",
            "{" + GUID + "}",
            "contoso",
            "contoso.",
            ".contoso.com",
            "contoso..com",
            "-contoso.com",
            "contoso-.com",
            "con_toso.com",
            "contoso.c",
            "contoso.c0m",
            "contoso.123",
            "https://contoso.com",
            "contoso.com/path",
            "tenant@contoso.com",
            "commons"})
    void invalidTenantsAreRejectedNamingTheField(String text) {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Identifiers.tenant(text));

        // Assert
        assertTrue(e.getMessage().startsWith("tenantId: "), e.getMessage());
    }

    @Test
    void domainLabelLongerThan63CharactersIsRejected() {
        // Arrange
        String label63 = "a".repeat(63);
        String label64 = "a".repeat(64);

        // Act + Assert
        assertEquals(label63 + ".com", Identifiers.tenant(label63 + ".com"));
        assertThrows(IllegalArgumentException.class, () -> Identifiers.tenant(label64 + ".com"));
    }

    @Test
    void domainLongerThan253CharactersIsRejected() {
        // Arrange: 4 labels of 62 + dots + ".com" = 255 characters
        String label = "a".repeat(62);
        String tooLong = label + "." + label + "." + label + "." + label + ".com";

        // Act + Assert
        assertTrue(tooLong.length() > 253);
        assertThrows(IllegalArgumentException.class, () -> Identifiers.tenant(tooLong));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"common", "organizations", "consumers"})
    void multiTenantNamesAreRecognizedAsNamingNoSingleTenant(String tenant) {
        // Act + Assert
        assertTrue(Identifiers.isMultiTenant(tenant));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {GUID, "contoso.onmicrosoft.com"})
    void guidAndDomainTenantsAreSingleTenants(String tenant) {
        // Act + Assert
        assertFalse(Identifiers.isMultiTenant(tenant));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"dev", "a", "7", "Dev.Prod_1-a", "contoso-prod.v2", "UPPER"})
    void validProfileNamesAreAcceptedUnchanged(String name) {
        // Act + Assert
        assertEquals(name, Identifiers.profileName(name));
    }

    @Test
    void profileNameOf64CharactersIsAcceptedAnd65IsRejected() {
        // Arrange
        String max = "p".repeat(64);
        String tooLong = "p".repeat(65);

        // Act + Assert
        assertEquals(max, Identifiers.profileName(max));
        assertThrows(IllegalArgumentException.class, () -> Identifiers.profileName(tooLong));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {" ", " dev", "dev ", "has space", "-dev", ".dev", "_dev", "a/b", "a\\b", "dév", "dev:prod", "dev\n"})
    void invalidProfileNamesAreRejectedNamingTheRule(String name) {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Identifiers.profileName(name));

        // Assert
        assertTrue(e.getMessage().startsWith("name: "), e.getMessage());
        assertTrue(e.getMessage().contains("starting with a letter or digit"), e.getMessage());
    }

    @Test
    void veryLongRejectedValueIsShortenedInTheMessage() {
        // Arrange
        String huge = "x".repeat(500);

        // Act
        String message = assertThrows(IllegalArgumentException.class, () -> Identifiers.tenant(huge)).getMessage();

        // Assert
        assertFalse(message.contains(huge), "the whole value was echoed");
        assertTrue(message.contains("x".repeat(80) + "…"), message);
    }
}
