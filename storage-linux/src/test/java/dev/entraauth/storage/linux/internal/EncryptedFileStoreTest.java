package dev.entraauth.storage.linux.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileStoreTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String CANARY = "CANARY-s3cr3t-7f3a9b2c-do-not-leak";
    private static final SecretKey DEV_SECRET = new SecretKey("dev", SecretKey.CLIENT_SECRET);

    @TempDir
    Path tmp;

    /** An interaction without a terminal: it cannot prompt. */
    static final class NoTerminal implements Interaction {
        final List<String> messages = new ArrayList<>();

        @Override
        public boolean canPrompt() {
            return false;
        }

        @Override
        public Optional<String> readLine(String prompt) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> readSecret(String prompt) {
            return Optional.empty();
        }

        @Override
        public void info(String message) {
            messages.add(message);
        }

        @Override
        public void warn(String message) {
            messages.add(message);
        }
    }

    /** A terminal whose user types the given answers, in order, at the no-echo prompts. */
    static final class ScriptedTerminal implements Interaction {
        final Deque<String> answers;
        final List<String> prompts = new ArrayList<>();

        ScriptedTerminal(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public boolean canPrompt() {
            return true;
        }

        @Override
        public Optional<String> readLine(String prompt) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> readSecret(String prompt) {
            prompts.add(prompt);
            return Optional.ofNullable(answers.poll()).map(String::toCharArray);
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    }

    record FakeContext(Path home, Map<String, String> environment, Interaction interaction) implements StoreContext {
    }

    private Path home() {
        return tmp.resolve("home");
    }

    private Path file() {
        return home().resolve(EncryptedFileStore.FILE_NAME);
    }

    private StoreContext context(String passphrase) {
        return new FakeContext(home(), Map.of(EncryptedFileStore.PASSPHRASE_VARIABLE, passphrase), new NoTerminal());
    }

    private SecretVault open(String passphrase) throws StoreException {
        return new EncryptedFileStore().open(context(passphrase));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
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

    @Test
    void writtenSecretIsReadBack() throws StoreException {
        // Arrange
        SecretVault vault = open(PASSPHRASE);

        // Act
        vault.write(DEV_SECRET, utf8("s3cret"));

        // Assert
        assertArrayEquals(utf8("s3cret"), vault.read(DEV_SECRET).orElseThrow());
    }

    @Test
    void overwriteReplacesTheValue() throws StoreException {
        // Arrange
        SecretVault vault = open(PASSPHRASE);
        vault.write(DEV_SECRET, utf8("first value, longer"));

        // Act
        vault.write(DEV_SECRET, utf8("second"));

        // Assert
        assertArrayEquals(utf8("second"), vault.read(DEV_SECRET).orElseThrow());
        assertArrayEquals(utf8("second"), open(PASSPHRASE).read(DEV_SECRET).orElseThrow());
    }

    @Test
    void deleteRemovesTheSecretAndReportsWhetherOneWasRemoved() throws StoreException {
        // Arrange
        SecretVault vault = open(PASSPHRASE);
        SecretKey other = new SecretKey("dev", SecretKey.TOKEN_CACHE);
        vault.write(DEV_SECRET, utf8("s3cret"));
        vault.write(other, utf8("cache"));

        // Act
        boolean first = vault.delete(DEV_SECRET);
        boolean second = vault.delete(DEV_SECRET);

        // Assert
        assertTrue(first);
        assertFalse(second);
        assertTrue(vault.read(DEV_SECRET).isEmpty());
        assertArrayEquals(utf8("cache"), vault.read(other).orElseThrow());
    }

    @Test
    void missingKeyReadsAsEmpty() throws StoreException {
        // Arrange
        SecretVault vault = open(PASSPHRASE);
        vault.write(DEV_SECRET, utf8("s3cret"));

        // Act
        Optional<byte[]> missing = vault.read(new SecretKey("prod", SecretKey.CLIENT_SECRET));

        // Assert
        assertTrue(missing.isEmpty());
    }

    @Test
    void readingAndDeletingWithoutAFileNeedNoPassphraseAndCreateNothing() throws StoreException {
        // Arrange
        SecretVault vault = new EncryptedFileStore().open(new FakeContext(home(), Map.of(), new NoTerminal()));

        // Act
        Optional<byte[]> read = vault.read(DEV_SECRET);
        Set<SecretKey> keys = vault.keys("dev");
        boolean deleted = vault.delete(DEV_SECRET);

        // Assert
        assertTrue(read.isEmpty());
        assertEquals(Set.of(), keys);
        assertFalse(deleted);
        assertFalse(Files.exists(home()));
    }

    @Test
    void keysListsOnlyTheSecretsOfTheGivenProfile() throws StoreException {
        // Arrange
        SecretVault vault = open(PASSPHRASE);
        SecretKey devCache = new SecretKey("dev", SecretKey.TOKEN_CACHE);
        SecretKey prodSecret = new SecretKey("prod", SecretKey.CLIENT_SECRET);
        SecretKey devPrefix = new SecretKey("dev2", SecretKey.CLIENT_SECRET);
        vault.write(DEV_SECRET, utf8("a"));
        vault.write(devCache, utf8("b"));
        vault.write(prodSecret, utf8("c"));
        vault.write(devPrefix, utf8("d"));

        // Act
        Set<SecretKey> keys = vault.keys("dev");

        // Assert
        assertEquals(Set.of(DEV_SECRET, devCache), keys);
        assertEquals(Set.of(), vault.keys("staging"));
    }

    @Test
    void valueOf64KilobytesRoundTrips() throws StoreException {
        // Arrange
        byte[] big = new byte[64 * 1024];
        new Random(7).nextBytes(big);
        SecretKey cache = new SecretKey("dev", SecretKey.TOKEN_CACHE);

        // Act
        open(PASSPHRASE).write(cache, big);

        // Assert
        assertArrayEquals(big, open(PASSPHRASE).read(cache).orElseThrow());
    }

    @Test
    void vaultKeepsCopiesSoCallersMayClearTheirArrays() throws StoreException {
        // Arrange
        SecretVault vault = open(PASSPHRASE);
        byte[] value = utf8("s3cret");
        vault.write(DEV_SECRET, value);

        // Act
        java.util.Arrays.fill(value, (byte) 0);
        java.util.Arrays.fill(vault.read(DEV_SECRET).orElseThrow(), (byte) 0);

        // Assert
        assertArrayEquals(utf8("s3cret"), vault.read(DEV_SECRET).orElseThrow());
    }

    @Test
    void secondVaultWithTheSamePassphraseReadsWhatTheFirstWrote() throws StoreException {
        // Arrange
        open(PASSPHRASE).write(DEV_SECRET, utf8("s3cret"));

        // Act
        Optional<byte[]> read = open(PASSPHRASE).read(DEV_SECRET);

        // Assert
        assertArrayEquals(utf8("s3cret"), read.orElseThrow());
    }

    @Test
    void wrongPassphraseIsASecretStoreErrorSayingSoAndLeavesTheFileUnchanged() throws Exception {
        // Arrange
        open(PASSPHRASE).write(DEV_SECRET, utf8(CANARY));
        String before = sha256(file());
        SecretVault wrong = open("a different passphrase");

        // Act
        StoreException read = assertThrows(StoreException.class, () -> wrong.read(DEV_SECRET));
        StoreException write = assertThrows(StoreException.class, () -> wrong.write(DEV_SECRET, utf8("overwrite")));
        StoreException delete = assertThrows(StoreException.class, () -> wrong.delete(DEV_SECRET));

        // Assert
        assertEquals(ExitCode.SECRET_STORE, read.exitCode());
        assertTrue(read.getMessage().contains("wrong passphrase"), read.getMessage());
        assertTrue(read.getMessage().contains(file().toString()), read.getMessage());
        assertFalse(read.getMessage().contains("a different passphrase"), read.getMessage());
        assertEquals(ExitCode.SECRET_STORE, write.exitCode());
        assertEquals(ExitCode.SECRET_STORE, delete.exitCode());
        assertEquals(before, sha256(file()));
        assertArrayEquals(utf8(CANARY), open(PASSPHRASE).read(DEV_SECRET).orElseThrow());
    }

    @Test
    void fileNeverContainsTheSecretNorItsBase64() throws Exception {
        // Arrange
        byte[] secret = utf8(CANARY);
        SecretVault vault = open(PASSPHRASE);

        // Act
        vault.write(DEV_SECRET, secret);
        vault.write(new SecretKey("prod", SecretKey.TOKEN_CACHE), secret);

        // Assert
        byte[] raw = Files.readAllBytes(file());
        assertFalse(contains(raw, secret), "plaintext secret in tokens.enc");
        assertFalse(contains(raw, Base64.getEncoder().encode(secret)), "base64 of the secret in tokens.enc");
        assertFalse(contains(raw, utf8(PASSPHRASE)), "passphrase in tokens.enc");
        assertFalse(contains(raw, utf8("dev/client-secret")), "key names are encrypted too");
    }

    @Test
    void writeCreatesTheFileWithMode0600AndTheHomeDirectoryWith0700() throws Exception {
        // Arrange
        SecretVault vault = open(PASSPHRASE);

        // Act
        vault.write(DEV_SECRET, utf8("s3cret"));

        // Assert
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file()));
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(home()));
    }

    @Test
    void writeTightensAnExisting0755HomeDirectoryAndReadTightensA0644File() throws Exception {
        // Arrange
        open(PASSPHRASE).write(DEV_SECRET, utf8("s3cret"));
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(home(), PosixFilePermissions.fromString("rwxr-xr-x"));

        // Act
        open(PASSPHRASE).read(DEV_SECRET);
        boolean fileTightenedByRead = Files.getPosixFilePermissions(file()).equals(PosixFilePermissions.fromString("rw-------"));
        open(PASSPHRASE).write(DEV_SECRET, utf8("again"));

        // Assert
        assertTrue(fileTightenedByRead);
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(home()));
    }

    @Test
    void fileWithGarbageBytesIsReportedDamagedAndLeftByteIdentical() throws Exception {
        // Arrange
        Files.createDirectories(home());
        byte[] garbage = new byte[500];
        new Random(3).nextBytes(garbage);
        Files.write(file(), garbage);
        String before = sha256(file());
        SecretVault vault = open(PASSPHRASE);

        // Act
        StoreException read = assertThrows(StoreException.class, () -> vault.read(DEV_SECRET));
        StoreException write = assertThrows(StoreException.class, () -> vault.write(DEV_SECRET, utf8("x")));

        // Assert
        assertEquals(ExitCode.SECRET_STORE, read.exitCode());
        assertTrue(read.getMessage().contains("is damaged"), read.getMessage());
        assertTrue(read.getMessage().contains(file().toString()), read.getMessage());
        assertTrue(write.getMessage().contains("is damaged"), write.getMessage());
        assertEquals(before, sha256(file()));
    }

    @Test
    void fileFromANewerFormatIsReportedDamagedAndLeftByteIdentical() throws Exception {
        // Arrange: a valid file whose format version byte (right after the 8-byte magic) is 2
        open(PASSPHRASE).write(DEV_SECRET, utf8("s3cret"));
        byte[] bytes = Files.readAllBytes(file());
        bytes[8] = 2;
        Files.write(file(), bytes);
        String before = sha256(file());

        // Act
        StoreException e = assertThrows(StoreException.class, () -> open(PASSPHRASE).read(DEV_SECRET));

        // Assert
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
        assertEquals(before, sha256(file()));
    }

    @Test
    void truncatedFileIsRefusedAndLeftByteIdentical() throws Exception {
        // Arrange
        open(PASSPHRASE).write(DEV_SECRET, utf8("s3cret"));
        byte[] bytes = Files.readAllBytes(file());
        Files.write(file(), java.util.Arrays.copyOf(bytes, bytes.length - 5));
        String before = sha256(file());

        // Act
        StoreException e = assertThrows(StoreException.class, () -> open(PASSPHRASE).write(DEV_SECRET, utf8("x")));

        // Assert
        assertEquals(ExitCode.SECRET_STORE, e.exitCode());
        assertTrue(e.getMessage().contains("left unchanged"), e.getMessage());
        assertEquals(before, sha256(file()));
    }

    @Test
    void writeWithoutPassphraseAndWithoutTerminalFailsNamingTheVariableAndCreatesNoFile() throws StoreException {
        // Arrange
        SecretVault vault = new EncryptedFileStore().open(new FakeContext(home(), Map.of(), new NoTerminal()));

        // Act
        StoreException e = assertThrows(StoreException.class, () -> vault.write(DEV_SECRET, utf8(CANARY)));

        // Assert
        assertEquals(ExitCode.SECRET_STORE, e.exitCode());
        assertTrue(e.getMessage().contains(EncryptedFileStore.PASSPHRASE_VARIABLE), e.getMessage());
        assertFalse(Files.exists(file()));
    }

    @Test
    void newPassphraseShorterThan8CharactersFromTheEnvironmentIsRefused() throws StoreException {
        // Arrange
        SecretVault vault = open("1234567");

        // Act
        StoreException e = assertThrows(StoreException.class, () -> vault.write(DEV_SECRET, utf8("x")));

        // Assert
        assertTrue(e.getMessage().contains("shorter than 8 characters"), e.getMessage());
        assertFalse(e.getMessage().contains("1234567"), e.getMessage());
        assertFalse(Files.exists(file()));
    }

    @Test
    void newPassphraseOfExactly8CharactersIsAccepted() throws StoreException {
        // Act
        open("12345678").write(DEV_SECRET, utf8("x"));

        // Assert
        assertArrayEquals(utf8("x"), open("12345678").read(DEV_SECRET).orElseThrow());
    }

    @Test
    void newPassphraseShorterThan8CharactersAtThePromptIsRefused() throws StoreException {
        // Arrange
        ScriptedTerminal terminal = new ScriptedTerminal("short", "short");
        SecretVault vault = new EncryptedFileStore().open(new FakeContext(home(), Map.of(), terminal));

        // Act
        StoreException e = assertThrows(StoreException.class, () -> vault.write(DEV_SECRET, utf8("x")));

        // Assert
        assertTrue(e.getMessage().contains("shorter than 8 characters"), e.getMessage());
        assertFalse(Files.exists(file()));
    }

    @Test
    void promptedNewPassphraseIsAskedTwiceAndThenOpensTheStore() throws StoreException {
        // Arrange
        ScriptedTerminal terminal = new ScriptedTerminal(PASSPHRASE, PASSPHRASE);
        SecretVault vault = new EncryptedFileStore().open(new FakeContext(home(), Map.of(), terminal));

        // Act
        vault.write(DEV_SECRET, utf8("s3cret"));

        // Assert
        assertEquals(2, terminal.prompts.size());
        assertArrayEquals(utf8("s3cret"), open(PASSPHRASE).read(DEV_SECRET).orElseThrow());
    }

    @Test
    void vaultThatRefusedAMismatchedNewPassphraseAsksAgainOnTheNextWrite() throws StoreException {
        // Arrange
        ScriptedTerminal terminal = new ScriptedTerminal("first-passphrase", "typo-passphrase", PASSPHRASE, PASSPHRASE);
        SecretVault vault = new EncryptedFileStore().open(new FakeContext(home(), Map.of(), terminal));
        StoreException refused = assertThrows(StoreException.class, () -> vault.write(DEV_SECRET, utf8("x")));

        // Act
        vault.write(DEV_SECRET, utf8("s3cret"));

        // Assert
        assertTrue(refused.getMessage().contains("differ"), refused.getMessage());
        assertEquals(4, terminal.prompts.size());
        assertArrayEquals(utf8("s3cret"), open(PASSPHRASE).read(DEV_SECRET).orElseThrow());
    }

    @Test
    void availabilityNamesTheFileAndWhereThePassphraseComesFrom() {
        // Arrange
        EncryptedFileStore store = new EncryptedFileStore();

        // Act
        Availability fromEnvironment = store.availability(context(PASSPHRASE));
        Availability withoutPassphrase = store.availability(new FakeContext(home(), Map.of(), new NoTerminal()));

        // Assert
        assertTrue(fromEnvironment.available());
        assertTrue(fromEnvironment.reason().contains(file().toString()), fromEnvironment.reason());
        assertTrue(fromEnvironment.reason().contains(EncryptedFileStore.PASSPHRASE_VARIABLE), fromEnvironment.reason());
        assertFalse(fromEnvironment.reason().contains(PASSPHRASE), fromEnvironment.reason());
        assertTrue(withoutPassphrase.reason().contains("set " + EncryptedFileStore.PASSPHRASE_VARIABLE), withoutPassphrase.reason());
        assertEquals("encrypted-file", store.id());
        assertEquals(50, store.weight());
    }

    @Test
    void concurrentWritersThroughSeparateVaultsLoseNoEntry() throws Exception {
        // Arrange
        int writers = 4;
        int writesEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                String profile = "writer" + w;
                done.add(pool.submit(() -> {
                    start.await();
                    SecretVault vault = open(PASSPHRASE);
                    for (int i = 0; i < writesEach; i++) {
                        vault.write(new SecretKey(profile, "k" + i), utf8(profile + ":" + i));
                    }
                    return null;
                }));
            }

            // Act
            start.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // Assert
        SecretVault reader = open(PASSPHRASE);
        for (int w = 0; w < writers; w++) {
            String profile = "writer" + w;
            assertEquals(writesEach, reader.keys(profile).size(), profile);
            for (int i = 0; i < writesEach; i++) {
                assertArrayEquals(utf8(profile + ":" + i), reader.read(new SecretKey(profile, "k" + i)).orElseThrow(),
                        profile + "/k" + i);
            }
        }
        try (var files = Files.list(home())) {
            assertEquals(List.of("tokens.enc", "tokens.enc.lock"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left behind");
        }
    }
}
