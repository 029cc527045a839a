package dev.entraauth.storage.linux.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.storage.linux.internal.EncryptedFileStoreTest.FakeContext;
import dev.entraauth.storage.linux.internal.EncryptedFileStoreTest.NoTerminal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Secret Service store's availability and items, against a real gnome-keyring on a private D-Bus session. */
class SecretServiceStoreTest {
    private static final String CANARY = "CANARY-secret-service-4b7c1e";

    @TempDir
    Path home;

    @Test
    void withoutADbusSessionItIsUnavailableAtOnceSayingWhy() {
        // Arrange
        SecretServiceStore store = new SecretServiceStore();

        // Act
        long start = System.nanoTime();
        Availability availability = store.availability(new FakeContext(home, Map.of(), new NoTerminal()));
        long millis = (System.nanoTime() - start) / 1_000_000;

        // Assert
        assertFalse(availability.available());
        assertTrue(availability.reason().contains("no D-Bus session") && availability.reason().contains("DBUS_SESSION_BUS_ADDRESS"),
                availability.reason());
        assertTrue(millis < 1000, "took " + millis + " ms");
        assertEquals("secret-service", store.id());
        assertTrue(store.weight() > new EncryptedFileStore().weight(), "the keyring wins over the file");
    }

    @Test
    void inAKeyringSessionItIsAvailableAfterTheProbeAndLeavesNoProbeItem() throws Exception {
        // Act
        Availability availability = new SecretServiceStore().availability(new FakeContext(home, SharedKeyring.environment(), new NoTerminal()));

        // Assert
        assertTrue(availability.available(), availability.reason());
        assertTrue(availability.reason().contains("probed"), availability.reason());
        assertEquals("", EncryptedFileKeyInSecretServiceTest.secretTool("search", "--all", "kind", "probe").strip());
    }

    @Test
    void aSecretIsAnItemWithTheApplicationHomeProfileAndKindAttributesAndNoFileUnderTheHome() throws Exception {
        // Arrange
        SecretVault vault = new SecretServiceStore().open(new FakeContext(home, SharedKeyring.environment(), new NoTerminal()));
        byte[] secret = CANARY.getBytes(StandardCharsets.UTF_8);

        // Act
        vault.write(new SecretKey("dev", SecretKey.CLIENT_SECRET), secret);

        // Assert
        String item = EncryptedFileKeyInSecretServiceTest.secretTool("search", "--all", "application", "entra-auth-cli",
                "home", home.toAbsolutePath().toString(), "profile", "dev");
        assertTrue(item.contains("attribute.application = entra-auth-cli"), item);
        assertTrue(item.contains("attribute.home = " + home.toAbsolutePath()), item);
        assertTrue(item.contains("attribute.profile = dev"), item);
        assertTrue(item.contains("attribute.kind = client-secret"), item);
        assertTrue(item.contains("schema = " + SecretService.SECRET_SCHEMA), item);
        assertTrue(item.contains("secret = " + Base64.getEncoder().encodeToString(secret)), "the value is the bytes' base64: " + item);
        try (Stream<Path> files = Files.walk(home)) {
            assertEquals(1, files.count(), "nothing is written under the home");
        }
    }

    @Test
    void anotherHomeDoesNotSeeTheSecretsOfThisOne(@TempDir Path other) throws StoreException {
        // Arrange
        SecretKey key = new SecretKey("shared-name", SecretKey.CLIENT_SECRET);
        new SecretServiceStore().open(new FakeContext(home, SharedKeyring.environment(), new NoTerminal()))
                .write(key, CANARY.getBytes(StandardCharsets.UTF_8));

        // Act
        SecretVault otherVault = new SecretServiceStore().open(new FakeContext(other, SharedKeyring.environment(), new NoTerminal()));

        // Assert
        assertTrue(otherVault.read(key).isEmpty());
        assertEquals(java.util.Set.of(), otherVault.keys("shared-name"));
        assertArrayEquals(CANARY.getBytes(StandardCharsets.UTF_8), new SecretServiceStore()
                .open(new FakeContext(home, SharedKeyring.environment(), new NoTerminal())).read(key).orElseThrow());
    }
}
