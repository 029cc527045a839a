package dev.entraauth.storage.windows.internal;

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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DPAPI store's file logic, on any OS, with {@link FakeDpapi} standing in for DPAPI (which exists only on
 * Windows; {@link DpapiFileStoreWindowsTest} runs the real one there). What these tests prove is the store's
 * own behaviour: file layout, entry names, errors, recovery hints, files left untouched.
 */
class DpapiFileStoreTest {
    private static final String CANARY = "CANARY-dpapi-5e1f0c7a-do-not-leak";
    private static final SecretKey CACHE = new SecretKey("ci", SecretKey.TOKEN_CACHE);
    private static final SecretKey SECRET = new SecretKey("ci", SecretKey.CLIENT_SECRET);

    @TempDir
    Path home;

    private final FakeDpapi dpapi = FakeDpapi.randomUser();

    private SecretVault open(Dpapi with) throws StoreException {
        return new DpapiFileStore("Windows 11", () -> with).open(ContractStoreContext.of(home, Map.of()));
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aTenKilobyteTokenCacheRoundTripsThroughOneFileOfTheEntry() throws Exception {
        byte[] cache = randomBytes(10 * 1024, 1);
        open(dpapi).write(CACHE, cache);

        assertArrayEquals(cache, open(dpapi).read(CACHE).orElseThrow(), "a new vault reads what another wrote");
        Path file = home.resolve("dpapi").resolve("ci+token-cache.dpapi");
        assertTrue(Files.isRegularFile(file), "one file per entry under <home>/dpapi");
        byte[] content = Files.readAllBytes(file);
        assertEquals("EACDPAPI", new String(content, 0, 8, StandardCharsets.US_ASCII));
        assertTrue(content.length > cache.length, "the file holds the DPAPI blob of the value");
    }

    @Test
    void aCorruptedBlobIsTheSecretStoreExitCodeNamingTheEntryAndTheRecoveryCommandAndTheFileKeepsItsHash() throws Exception {
        SecretVault vault = open(dpapi);
        vault.write(CACHE, randomBytes(10 * 1024, 2));
        vault.write(SECRET, CANARY.getBytes(StandardCharsets.UTF_8));
        Path file = vault instanceof DpapiFileVault v ? v.file(CACHE) : null;
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(file, bytes);
        String before = sha256(file);

        StoreException e = assertThrows(StoreException.class, () -> open(dpapi).read(CACHE));

        assertEquals(ExitCode.SECRET_STORE, e.exitCode());
        assertTrue(e.getMessage().contains("'ci/token-cache'") && e.getMessage().contains(file.toString()),
                "names the entry and its file: " + e.getMessage());
        assertTrue(e.getMessage().contains("entra-auth-cli clear-cache -p ci"), "names the recovery: " + e.getMessage());
        assertTrue(e.getMessage().contains("left unchanged"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(before, sha256(file), "the read left the file as it was");

        // the other entries still work, and neither writing them nor listing touches the damaged file
        SecretVault again = open(dpapi);
        assertEquals(CANARY, new String(again.read(SECRET).orElseThrow(), StandardCharsets.UTF_8));
        again.write(SECRET, "rotated".getBytes(StandardCharsets.UTF_8));
        assertEquals(Set.of(CACHE, SECRET), again.keys("ci"));
        assertThrows(StoreException.class, () -> again.read(CACHE));
        assertEquals(before, sha256(file));
    }

    @Test
    void aFileThatIsNotAnEntryIsTheSameErrorAndIsLeftAlone() throws Exception {
        Path file = home.resolve("dpapi").resolve("ci+client-secret.dpapi");
        Files.createDirectories(file.getParent());
        Files.write(file, "plain text someone put here".getBytes(StandardCharsets.UTF_8));
        String before = sha256(file);

        StoreException e = assertThrows(StoreException.class, () -> open(dpapi).read(SECRET));

        assertEquals(ExitCode.SECRET_STORE, e.exitCode());
        assertTrue(e.getMessage().contains("entra-auth-cli config edit -p ci --secret-stdin"), e.getMessage());
        assertEquals(before, sha256(file));
    }

    @Test
    void anEntryOfAnotherWindowsUserDoesNotDecryptAndSaysHowToStoreItAgain() throws Exception {
        open(dpapi).write(SECRET, CANARY.getBytes(StandardCharsets.UTF_8));

        StoreException e = assertThrows(StoreException.class, () -> open(FakeDpapi.randomUser()).read(SECRET));

        assertEquals(ExitCode.SECRET_STORE, e.exitCode());
        assertTrue(e.getMessage().contains("(fake). It was encrypted by another Windows user or on another computer"), e.getMessage());
        assertTrue(e.getMessage().endsWith("entra-auth-cli config edit -p ci --secret-stdin"), e.getMessage());
    }

    @Test
    void anEntryFileCopiedOntoAnotherEntryDoesNotDecryptBecauseTheEntropyNamesTheEntry() throws Exception {
        DpapiFileVault vault = (DpapiFileVault) open(dpapi);
        SecretKey other = new SecretKey("prod", SecretKey.CLIENT_SECRET);
        vault.write(SECRET, CANARY.getBytes(StandardCharsets.UTF_8));
        vault.write(other, "x".getBytes(StandardCharsets.UTF_8));
        Files.copy(vault.file(SECRET), vault.file(other), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThrows(StoreException.class, () -> vault.read(other));
    }

    @Test
    void theFilesHoldNeitherTheSecretNorItsBase64() throws Exception {
        open(dpapi).write(SECRET, CANARY.getBytes(StandardCharsets.UTF_8));
        String b64 = Base64.getEncoder().encodeToString(CANARY.getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(CANARY) || text.contains(b64), f + " holds the secret");
            }
        }
    }

    @Test
    void overwriteDeleteMissingAndKeysPerProfile() throws Exception {
        SecretVault vault = open(dpapi);
        SecretKey upper = new SecretKey("CI", SecretKey.CLIENT_SECRET);
        SecretKey dotted = new SecretKey("con.eu_1", SecretKey.CLIENT_SECRET);
        vault.write(SECRET, "one".getBytes(StandardCharsets.UTF_8));
        vault.write(SECRET, "two".getBytes(StandardCharsets.UTF_8));
        vault.write(upper, "upper".getBytes(StandardCharsets.UTF_8));
        vault.write(dotted, "dotted".getBytes(StandardCharsets.UTF_8));
        vault.write(CACHE, new byte[0]);

        assertEquals("two", new String(vault.read(SECRET).orElseThrow(), StandardCharsets.UTF_8));
        assertEquals("upper", new String(vault.read(upper).orElseThrow(), StandardCharsets.UTF_8), "CI and ci are two profiles");
        assertArrayEquals(new byte[0], vault.read(CACHE).orElseThrow());
        assertEquals(Set.of(SECRET, CACHE), vault.keys("ci"));
        assertEquals(Set.of(upper), vault.keys("CI"));
        assertEquals(Set.of(dotted), vault.keys("con.eu_1"));
        assertEquals(Set.of(), vault.keys("nobody"));
        assertTrue(vault.read(new SecretKey("ci", SecretKey.CERTIFICATE_PASSWORD)).isEmpty());

        assertTrue(vault.delete(SECRET));
        assertFalse(vault.delete(SECRET));
        assertTrue(vault.read(SECRET).isEmpty());
        assertEquals(Set.of(CACHE), vault.keys("ci"));
    }

    @Test
    void anEmptyHomeHasNoKeysAndDeletesNothingWithoutCreatingFiles() throws Exception {
        SecretVault vault = open(dpapi);
        assertEquals(Set.of(), vault.keys("ci"));
        assertTrue(vault.read(SECRET).isEmpty());
        assertFalse(vault.delete(SECRET));
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void writesLeaveOnlyTheEntryFilesAndTheLockBehind() throws Exception {
        SecretVault vault = open(dpapi);
        for (int i = 0; i < 5; i++) {
            vault.write(CACHE, randomBytes(64 * 1024, i));
        }
        try (Stream<Path> files = Files.list(home.resolve("dpapi"))) {
            assertEquals(List.of("ci+token-cache.dpapi"), files.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(Files.exists(home.resolve("dpapi.lock")));
    }

    @Test
    void aFailingEncryptionStoresNothingAndKeepsThePreviousValue() throws Exception {
        open(dpapi).write(SECRET, "old".getBytes(StandardCharsets.UTF_8));
        Dpapi refusing = new Dpapi() {
            @Override
            public byte[] protect(byte[] plaintext, byte[] entropy) throws DpapiException {
                throw new DpapiException("CryptProtectData failed: refused");
            }

            @Override
            public byte[] unprotect(byte[] blob, byte[] entropy) throws DpapiException {
                return dpapi.unprotect(blob, entropy);
            }
        };
        StoreException e = assertThrows(StoreException.class, () -> open(refusing).write(SECRET, "new".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ExitCode.SECRET_STORE, e.exitCode());
        assertTrue(e.getMessage().contains("nothing was stored"), e.getMessage());
        assertEquals("old", new String(open(dpapi).read(SECRET).orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void eachKindOfEntryNamesItsOwnRecoveryCommand() {
        assertEquals("Store the client secret again: entra-auth-cli config edit -p ci --secret-stdin",
                DpapiFileVault.recovery(SECRET));
        assertEquals("Store the certificate password again: entra-auth-cli config edit -p ci --certificate-password-stdin",
                DpapiFileVault.recovery(new SecretKey("ci", SecretKey.CERTIFICATE_PASSWORD)));
        assertEquals("Forget the cached tokens: entra-auth-cli clear-cache -p ci", DpapiFileVault.recovery(CACHE));
        assertEquals("Forget the cached tokens: entra-auth-cli clear-cache -p ci",
                DpapiFileVault.recovery(new SecretKey("ci", "token-cache-lean")));
        assertTrue(DpapiFileVault.recovery(new SecretKey("ci", "plugin-thing")).contains("config delete -p ci"));
    }

    @Test
    void sharingViolationsAreRetriedAndAPersistentOneIsReported() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = DpapiFileVault.retryingSharingViolations(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new AccessDeniedException("x", null, "The process cannot access the file because it is being used by another process");
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, calls.get());

        calls.set(0);
        assertThrows(AccessDeniedException.class, () -> DpapiFileVault.retryingSharingViolations(() -> {
            calls.incrementAndGet();
            throw new AccessDeniedException("x");
        }));
        assertEquals(DpapiFileVault.SHARING_RETRIES, calls.get());

        calls.set(0);
        assertThrows(IOException.class, () -> DpapiFileVault.retryingSharingViolations(() -> {
            calls.incrementAndGet();
            throw new IOException("disk full");
        }));
        assertEquals(1, calls.get(), "other I/O errors are not retried");
    }

    @Test
    void availableOnlyOnWindowsAndSaysWhereTheFilesAre() throws Exception {
        Availability linux = new DpapiFileStore("Linux", () -> dpapi).availability(ContractStoreContext.of(home, Map.of()));
        assertFalse(linux.available());
        assertEquals("DPAPI exists only on Windows (this is Linux)", linux.reason());
        StoreException e = assertThrows(StoreException.class, () -> new DpapiFileStore("Mac OS X", () -> dpapi).open(ContractStoreContext.of(home, Map.of())));
        assertEquals(ExitCode.SECRET_STORE, e.exitCode());

        Availability windows = new DpapiFileStore("Windows Server 2022", () -> dpapi).availability(ContractStoreContext.of(home, Map.of()));
        assertTrue(windows.available());
        assertEquals(home.resolve("dpapi") + " (DPAPI, current user)", windows.reason());
        assertEquals("dpapi", new DpapiFileStore().id());
    }
}
