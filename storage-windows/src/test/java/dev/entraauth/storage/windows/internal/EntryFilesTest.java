package dev.entraauth.storage.windows.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.store.SecretKey;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntryFilesTest {

    @Test
    void namesAreLowerCaseSafeOnWindowsAndParseBack() {
        for (String profile : List.of("ci", "CI", "Prod.eu", "con", "nul", "a.", "x_y", "a-", "a-b-c", "Z9")) {
            SecretKey key = new SecretKey(profile, SecretKey.TOKEN_CACHE);
            String name = EntryFiles.fileName(key);
            assertEquals(name.toLowerCase(Locale.ROOT), name, "case-insensitive file systems: " + name);
            assertTrue(name.matches("[a-z0-9_-]+\\+[a-z0-9-]+\\.dpapi"), name);
            assertEquals(Optional.of(key), EntryFiles.keyOf(name), name);
        }
        assertEquals("_50rod_2eeu+client-secret.dpapi", EntryFiles.fileName(new SecretKey("Prod.eu", SecretKey.CLIENT_SECRET)));
        assertNotEquals(EntryFiles.fileName(new SecretKey("ci", "x")), EntryFiles.fileName(new SecretKey("CI", "x")));
    }

    @Test
    void otherFilesAreNotEntries() {
        for (String name : List.of(".ci+token-cache.dpapi.123.tmp", "ci+token-cache.dpapi.tmp", "desktop.ini", "ci+a+b.dpapi",
                "+kind.dpapi", "ci+.dpapi", "CI+kind.dpapi", "_4+kind.dpapi", "_zz+kind.dpapi", "_63i+kind.dpapi", "ci+Kind.dpapi")) {
            assertEquals(Optional.empty(), EntryFiles.keyOf(name), name);
        }
    }
}
