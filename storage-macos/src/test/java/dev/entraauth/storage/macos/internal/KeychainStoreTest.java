package dev.entraauth.storage.macos.internal;

import dev.entraauth.testkit.store.ContractStoreContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Keychain store's logic — item naming, OSStatus mapping, update on duplicate — on any OS, against
 * {@link FakeKeychain}, an in-memory fake of the Security framework (which exists only on macOS;
 * {@link KeychainStoreMacTest} runs the real one there).
 */
class KeychainStoreTest {
    private static final SecretKey SECRET = new SecretKey("ci", SecretKey.CLIENT_SECRET);
    private static final String CANARY = "CANARY-keychain-91d2e6-do-not-leak";

    @TempDir
    Path home;

    private final FakeKeychain keychain = new FakeKeychain();

    private SecretVault open() throws StoreException {
        return new KeychainStore("Mac OS X", KeychainVault.SERVICE, () -> keychain).open(ContractStoreContext.of(home, Map.of()));
    }

    @Test
    void aSecretIsAGenericPasswordOfServiceEntraAuthCliWithTheProfileAndKindAsAccount() throws Exception {
        open().write(SECRET, CANARY.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("add entra-auth-cli ci/client-secret"), keychain.calls);
        assertEquals("entra-auth-cli: ci/client-secret", keychain.labels.get("entra-auth-cli\u0000ci/client-secret"));
        assertEquals(CANARY, new String(open().read(SECRET).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void writingAnExistingItemUpdatesIt() throws Exception {
        SecretVault vault = open();
        vault.write(SECRET, "one".getBytes(StandardCharsets.UTF_8));
        keychain.calls.clear();

        vault.write(SECRET, "two".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("add entra-auth-cli ci/client-secret", "update entra-auth-cli ci/client-secret"), keychain.calls);
        assertEquals("two", new String(vault.read(SECRET).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void anItemDeletedByAnotherProcessBetweenAddAndUpdateIsAddedAgain() throws Exception {
        SecretVault vault = open();
        vault.write(SECRET, "one".getBytes(StandardCharsets.UTF_8));
        keychain.betweenAddAndUpdate = () -> keychain.items.clear();

        vault.write(SECRET, "two".getBytes(StandardCharsets.UTF_8));

        assertEquals("two", new String(vault.read(SECRET).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void largeBinaryValuesRoundTripAndMissingItemsAreEmpty() throws Exception {
        byte[] cache = new byte[64 * 1024];
        new Random(3).nextBytes(cache);
        SecretVault vault = open();
        vault.write(new SecretKey("ci", SecretKey.TOKEN_CACHE), cache);

        assertArrayEquals(cache, vault.read(new SecretKey("ci", SecretKey.TOKEN_CACHE)).orElseThrow());
        assertTrue(vault.read(SECRET).isEmpty());
        assertFalse(vault.delete(SECRET));
        assertTrue(vault.delete(new SecretKey("ci", SecretKey.TOKEN_CACHE)));
        assertTrue(vault.read(new SecretKey("ci", SecretKey.TOKEN_CACHE)).isEmpty());
    }

    @Test
    void keysAreTheProfilesAccountsOfTheServiceAndForeignAccountsAreIgnored() throws Exception {
        SecretVault vault = open();
        assertEquals(Set.of(), vault.keys("ci"), "no item at all is errSecItemNotFound: no keys");
        vault.write(SECRET, new byte[] {1});
        vault.write(new SecretKey("ci", SecretKey.TOKEN_CACHE), new byte[] {2});
        vault.write(new SecretKey("ci2", SecretKey.TOKEN_CACHE), new byte[] {3});
        vault.write(new SecretKey("CI", SecretKey.TOKEN_CACHE), new byte[] {4});
        keychain.add("entra-auth-cli", "hand-made", "x", new byte[] {5});
        keychain.add("another-app", "ci/client-secret", "x", new byte[] {6});

        assertEquals(Set.of(SECRET, new SecretKey("ci", SecretKey.TOKEN_CACHE)), vault.keys("ci"));
        assertEquals(Set.of(new SecretKey("CI", SecretKey.TOKEN_CACHE)), vault.keys("CI"));
    }

    @ParameterizedTest(name = "OSStatus {0}")
    @ValueSource(ints = {OsStatus.INTERACTION_NOT_ALLOWED, OsStatus.AUTH_FAILED, OsStatus.USER_CANCELED,
            OsStatus.NO_DEFAULT_KEYCHAIN, OsStatus.NOT_AVAILABLE, -50})
    void everyFailureIsOneSecretStoreLineNamingTheEntryAndWhatToDoNeverTheSecret(int status) throws Exception {
        SecretVault vault = open();
        for (int i = 0; i < 5; i++) {
            keychain.forced.add(status);
        }
        List<StoreException> errors = List.of(
                assertThrows(StoreException.class, () -> vault.write(SECRET, CANARY.getBytes(StandardCharsets.UTF_8))),
                assertThrows(StoreException.class, () -> vault.read(SECRET)),
                assertThrows(StoreException.class, () -> vault.delete(SECRET)),
                assertThrows(StoreException.class, () -> vault.keys("ci")));
        for (StoreException e : errors) {
            assertEquals(ExitCode.SECRET_STORE, e.exitCode());
            assertTrue(e.getMessage().contains("macOS Keychain (OSStatus " + status), e.getMessage());
            assertTrue(e.getMessage().contains("'ci/client-secret'") || e.getMessage().contains("profile 'ci'"), e.getMessage());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains(CANARY), e.getMessage());
        }
        assertTrue(keychain.items.isEmpty());
    }

    @Test
    void aLockedKeychainWithoutAPromptSaysHowToUnlockIt() throws Exception {
        keychain.forced.add(OsStatus.INTERACTION_NOT_ALLOWED);
        StoreException e = assertThrows(StoreException.class, () -> open().read(SECRET));
        assertEquals("cannot read the secret 'ci/client-secret' in the macOS Keychain (OSStatus -25308: User interaction is not"
                + " allowed.): the Keychain is locked and macOS may not ask to unlock it here (an SSH session or CI); unlock it with"
                + " 'security unlock-keychain' (it asks for the password) or choose another store with --store", e.getMessage());
    }

    @Test
    void aDeniedAccessIsItsOwnClearError() throws Exception {
        keychain.forced.add(OsStatus.AUTH_FAILED);
        StoreException e = assertThrows(StoreException.class, () -> open().write(SECRET, new byte[] {1}));
        assertTrue(e.getMessage().startsWith("cannot store the secret 'ci/client-secret' in the macOS Keychain (OSStatus -25293)"
                + ": the Keychain refused access"), e.getMessage());
    }

    @Test
    void aFailingUpdateAfterADuplicateIsReportedAndKeepsTheOldValue() throws Exception {
        SecretVault vault = open();
        vault.write(SECRET, "old".getBytes(StandardCharsets.UTF_8));
        keychain.forced.add(OsStatus.DUPLICATE_ITEM);
        keychain.forced.add(OsStatus.USER_CANCELED);
        StoreException e = assertThrows(StoreException.class, () -> vault.write(SECRET, "new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        assertEquals("old", new String(vault.read(SECRET).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void availableOnlyOnMacOs() throws Exception {
        Availability linux = new KeychainStore("Linux", KeychainVault.SERVICE, () -> keychain).availability(ContractStoreContext.of(home, Map.of()));
        assertFalse(linux.available());
        assertEquals("the Keychain exists only on macOS (this is Linux)", linux.reason());
        assertThrows(StoreException.class, () -> new KeychainStore("Windows 11", KeychainVault.SERVICE, () -> keychain).open(ContractStoreContext.of(home, Map.of())));
        assertTrue(new KeychainStore("Mac OS X", KeychainVault.SERVICE, () -> keychain).availability(ContractStoreContext.of(home, Map.of())).available());
        assertEquals("keychain", new KeychainStore().id());
    }
}
