package dev.entraauth.storage.linux.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.core.registry.SecretStoreRegistry;
import dev.entraauth.storage.linux.internal.EncryptedFileStoreTest.FakeContext;
import dev.entraauth.storage.linux.internal.EncryptedFileStoreTest.NoTerminal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Linux store the registry picks: the keyring in a keyring session, the passphrase file without D-Bus. */
class LinuxStoreSelectionTest {
    private final SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(new EncryptedFileStore(), new SecretServiceStore()));

    @TempDir
    Path home;

    @Test
    void withoutADbusSessionTheEncryptedFileWithItsPassphraseIsChosen() throws EntraAuthException {
        // Act
        SecretStore chosen = registry.select(new FakeContext(home, Map.of(EncryptedFileStore.PASSPHRASE_VARIABLE, "a long passphrase"),
                new NoTerminal()), Optional.empty());

        // Assert
        assertEquals("encrypted-file", chosen.id());
    }

    @Test
    void inAKeyringSessionTheSecretServiceIsChosenAndTheFileCanStillBeForced() throws EntraAuthException {
        // Arrange
        Map<String, String> environment = new HashMap<>(SharedKeyring.environment());

        // Act
        SecretStore chosen = registry.select(new FakeContext(home, environment, new NoTerminal()), Optional.empty());
        environment.put(SecretStoreRegistry.STORE_VARIABLE, "encrypted-file");
        SecretStore forced = registry.select(new FakeContext(home, environment, new NoTerminal()), Optional.empty());

        // Assert
        assertEquals("secret-service", chosen.id());
        assertEquals("encrypted-file", forced.id());
    }

    @Test
    void withNeitherTheSelectionFailsAtOnceSayingWhyForEachStore() {
        // Act
        long start = System.nanoTime();
        EntraAuthException e = assertThrows(EntraAuthException.class,
                () -> registry.select(new FakeContext(home, Map.of(), new NoTerminal()), Optional.empty()));
        long millis = (System.nanoTime() - start) / 1_000_000;

        // Assert
        assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
        assertTrue(e.getMessage().contains("secret-service: no D-Bus session"), e.getMessage());
        assertTrue(e.getMessage().contains("encrypted-file: ") && e.getMessage().contains(EncryptedFileStore.PASSPHRASE_VARIABLE), e.getMessage());
        assertTrue(millis < 1000, millis + " ms");
    }
}
