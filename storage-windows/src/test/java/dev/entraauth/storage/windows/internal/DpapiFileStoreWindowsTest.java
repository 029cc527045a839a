package dev.entraauth.storage.windows.internal;

import dev.entraauth.testkit.store.ContractStoreContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The store with real DPAPI ({@code Crypt32Util}); runs only on Windows (the CI workflow's windows-latest job). */
@EnabledOnOs(OS.WINDOWS)
class DpapiFileStoreWindowsTest {
    private static final SecretKey CACHE = new SecretKey("ci", SecretKey.TOKEN_CACHE);

    @TempDir
    Path home;

    @Test
    void aTenKilobyteCacheRoundTripsThroughRealDpapiAndA64KilobyteValueToo() throws Exception {
        DpapiFileStore store = new DpapiFileStore();
        assertTrue(store.availability(ContractStoreContext.of(home, Map.of())).available());
        byte[] cache = DpapiFileStoreTest.randomBytes(10 * 1024, 7);
        byte[] large = DpapiFileStoreTest.randomBytes(64 * 1024, 8);
        SecretVault vault = store.open(ContractStoreContext.of(home, Map.of()));
        vault.write(CACHE, cache);
        vault.write(new SecretKey("ci", "large"), large);

        SecretVault again = store.open(ContractStoreContext.of(home, Map.of()));
        assertArrayEquals(cache, again.read(CACHE).orElseThrow());
        assertArrayEquals(large, again.read(new SecretKey("ci", "large")).orElseThrow());
    }

    @Test
    void aCorruptedRealDpapiBlobIsExit8NamingTheEntryAndTheFileKeepsItsSha256() throws Exception {
        DpapiFileVault vault = (DpapiFileVault) new DpapiFileStore().open(ContractStoreContext.of(home, Map.of()));
        vault.write(CACHE, DpapiFileStoreTest.randomBytes(10 * 1024, 9));
        Path file = vault.file(CACHE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 0x01;
        Files.write(file, bytes);
        String before = DpapiFileStoreTest.sha256(file);

        StoreException e = assertThrows(StoreException.class, () -> vault.read(CACHE));

        assertEquals(ExitCode.SECRET_STORE, e.exitCode());
        assertTrue(e.getMessage().contains("'ci/token-cache'") && e.getMessage().contains("clear-cache -p ci"), e.getMessage());
        assertEquals(before, DpapiFileStoreTest.sha256(file));
    }
}
