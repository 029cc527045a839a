package dev.entraauth.storage.plaintext.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.testkit.store.ContractStoreContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaintextStoreTest {
    @TempDir
    Path tmp;

    private Path home() {
        return tmp.resolve("home");
    }

    @Test
    void withoutTheOptInItIsUnavailableNamingTheOptInAndCannotBeOpened() {
        // Arrange
        ContractStoreContext context = ContractStoreContext.of(home(), Map.of(PlaintextStore.OPT_IN_VARIABLE, "0"));
        PlaintextStore store = new PlaintextStore();

        // Act
        Availability availability = store.availability(context);
        StoreException open = assertThrows(StoreException.class, () -> store.open(context));

        // Assert
        assertFalse(availability.available());
        assertTrue(availability.reason().contains(PlaintextStore.OPT_IN_VARIABLE + "=1"), availability.reason());
        assertTrue(open.getMessage().contains(PlaintextStore.OPT_IN_VARIABLE), open.getMessage());
        assertFalse(Files.exists(home()));
        assertTrue(store.description().contains("PLAINTEXT"), store.description());
        assertEquals(1, store.weight(), "every other store is preferred");
    }

    @Test
    void optedInEveryWriteWarnsNamingTheFileAndTheFileIs0600InA0700Home() throws Exception {
        // Arrange
        ContractStoreContext context = ContractStoreContext.of(home(), Map.of(PlaintextStore.OPT_IN_VARIABLE, "1"));
        SecretVault vault = new PlaintextStore().open(context);
        SecretKey key = new SecretKey("dev", SecretKey.CLIENT_SECRET);

        // Act
        vault.write(key, "first-secret".getBytes(StandardCharsets.UTF_8));
        vault.write(key, "second-secret".getBytes(StandardCharsets.UTF_8));
        vault.read(key);
        vault.delete(key);

        // Assert
        assertEquals(2, context.messages().size(), context.messages().toString());
        for (String warning : context.messages()) {
            assertTrue(warning.contains("UNENCRYPTED") && warning.contains(PlaintextStore.FILE_NAME)
                    && warning.contains("dev/client-secret"), warning);
            assertFalse(warning.contains("secret-"), "the warning holds no secret: " + warning);
        }
        Path file = home().resolve(PlaintextStore.FILE_NAME);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(home()));
        assertTrue(new PlaintextStore().availability(context).available());
    }

    @Test
    void aDamagedLineIsReportedAndTheFileLeftAlone() throws Exception {
        // Arrange
        Files.createDirectories(home());
        Path file = home().resolve(PlaintextStore.FILE_NAME);
        Files.writeString(file, "# header\nnot a valid line\n");
        byte[] before = Files.readAllBytes(file);
        SecretVault vault = new PlaintextStore().open(ContractStoreContext.of(home(), Map.of(PlaintextStore.OPT_IN_VARIABLE, "yes")));

        // Act
        StoreException e = assertThrows(StoreException.class, () -> vault.write(new SecretKey("dev", "x"), new byte[] {1}));

        // Assert
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }
}
