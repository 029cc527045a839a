package dev.entraauth.storage.linux.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.storage.linux.internal.EncryptedFileStoreTest.FakeContext;
import dev.entraauth.storage.linux.internal.EncryptedFileStoreTest.NoTerminal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokens.enc} with its key in the Secret Service (a real gnome-keyring on a private D-Bus session), and the
 * passphrase files beside it: the header records the key source, an existing passphrase file keeps working, a key
 * that cannot be had is one clear line and leaves the file untouched.
 */
class EncryptedFileKeyInSecretServiceTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String CANARY = "CANARY-keyring-9d2e51-do-not-leak";
    private static final SecretKey DEV_SECRET = new SecretKey("dev", SecretKey.CLIENT_SECRET);
    /** The header byte naming the key source: right after the 8-byte magic and the version. */
    private static final int SOURCE_BYTE = 9;

    @TempDir
    Path home;

    private Path file() {
        return home.resolve(EncryptedFileStore.FILE_NAME);
    }

    private StoreContext withKeyring(String... passphrase) {
        Map<String, String> environment = new HashMap<>(SharedKeyring.environment());
        if (passphrase.length > 0) {
            environment.put(EncryptedFileStore.PASSPHRASE_VARIABLE, passphrase[0]);
        }
        return new FakeContext(home, environment, new NoTerminal());
    }

    private StoreContext withoutDbus(String passphrase) {
        SharedKeyring.environment();   // the keyring runs, but this context names no D-Bus session
        return new FakeContext(home, Map.of(EncryptedFileStore.PASSPHRASE_VARIABLE, passphrase), new NoTerminal());
    }

    private static SecretVault open(StoreContext context) throws StoreException {
        return new EncryptedFileStore().open(context);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String sha256() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file())));
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
    void aNewFileKeepsARandomKeyInTheSecretServiceAndNeedsNoPassphrase() throws Exception {
        // Act
        open(withKeyring()).write(DEV_SECRET, utf8(CANARY));

        // Assert
        byte[] raw = Files.readAllBytes(file());
        assertEquals(2, raw[SOURCE_BYTE], "the header records the Secret Service as the key source");
        assertArrayEquals(utf8(CANARY), open(withKeyring()).read(DEV_SECRET).orElseThrow());
        Availability availability = new EncryptedFileStore().availability(withKeyring());
        assertTrue(availability.available(), availability.reason());
        assertTrue(availability.reason().contains("key in the Secret Service"), availability.reason());
    }

    @Test
    void aNewFileWithAPassphraseGivenIsKeyedByThePassphraseSoSessionsWithoutTheKeyringCanOpenIt() throws Exception {
        // Act
        open(withKeyring(PASSPHRASE)).write(DEV_SECRET, utf8(CANARY));

        // Assert
        assertEquals(1, Files.readAllBytes(file())[SOURCE_BYTE], "the header records the passphrase as the key source");
        assertArrayEquals(utf8(CANARY), open(withoutDbus(PASSPHRASE)).read(DEV_SECRET).orElseThrow());
    }

    @Test
    void fileNeverContainsTheSecretNorItsBase64NorItsKeyWithTheSecretServiceKey() throws Exception {
        // Act
        SecretVault vault = open(withKeyring());
        vault.write(DEV_SECRET, utf8(CANARY));
        vault.write(new SecretKey("prod", SecretKey.TOKEN_CACHE), utf8(CANARY));

        // Assert
        byte[] raw = Files.readAllBytes(file());
        assertFalse(contains(raw, utf8(CANARY)), "plaintext secret in tokens.enc");
        assertFalse(contains(raw, Base64.getEncoder().encode(utf8(CANARY))), "base64 of the secret in tokens.enc");
        assertFalse(contains(raw, utf8("dev/client-secret")), "key names are encrypted too");
        String keyId = HexFormat.of().formatHex(raw, SOURCE_BYTE + 1, SOURCE_BYTE + 17);
        byte[] key = secretTool("lookup", "application", "entra-auth-cli", "key-id", keyId).getBytes(StandardCharsets.US_ASCII);
        assertTrue(key.length > 40, "the key item exists in the keyring");
        assertFalse(contains(raw, key), "the key's base64 is in tokens.enc");
        assertFalse(contains(raw, Base64.getDecoder().decode(new String(key, StandardCharsets.US_ASCII).strip())), "the key is in tokens.enc");
    }

    @Test
    void anExistingPassphraseFileKeepsItsPassphraseWhenTheSecretServiceIsReachableAndAWrongOneIsItsOwnError() throws Exception {
        // Arrange: a file made where there was no D-Bus session
        open(withoutDbus(PASSPHRASE)).write(DEV_SECRET, utf8(CANARY));
        String before = sha256();

        // Act
        SecretVault reachable = open(withKeyring(PASSPHRASE));
        byte[] read = reachable.read(DEV_SECRET).orElseThrow();
        StoreException wrong = assertThrows(StoreException.class,
                () -> open(withKeyring("a different passphrase")).read(DEV_SECRET));
        String afterWrongPassphrase = sha256();
        reachable.write(new SecretKey("dev", SecretKey.TOKEN_CACHE), utf8("cache"));

        // Assert
        assertArrayEquals(utf8(CANARY), read);
        assertEquals(ExitCode.SECRET_STORE, wrong.exitCode());
        assertTrue(wrong.getMessage().contains("wrong passphrase"), wrong.getMessage());
        assertEquals(before, afterWrongPassphrase);
        assertEquals(1, Files.readAllBytes(file())[SOURCE_BYTE], "a passphrase file stays a passphrase file");
        assertArrayEquals(utf8("cache"), open(withoutDbus(PASSPHRASE)).read(new SecretKey("dev", SecretKey.TOKEN_CACHE)).orElseThrow());
    }

    @Test
    void withoutADbusSessionAFileWhoseKeyIsInTheSecretServiceIsOneClearLineAndLeftUnchanged() throws Exception {
        // Arrange
        open(withKeyring()).write(DEV_SECRET, utf8(CANARY));
        String before = sha256();
        StoreContext noBus = withoutDbus(PASSPHRASE);

        // Act
        StoreException read = assertThrows(StoreException.class, () -> open(noBus).read(DEV_SECRET));
        StoreException write = assertThrows(StoreException.class, () -> open(noBus).write(DEV_SECRET, utf8("other")));
        Availability availability = new EncryptedFileStore().availability(noBus);

        // Assert
        assertEquals(ExitCode.SECRET_STORE, read.exitCode());
        assertFalse(read.getMessage().contains("\n"), read.getMessage());
        assertTrue(read.getMessage().contains(file().toString()) && read.getMessage().contains("Secret Service")
                && read.getMessage().contains("DBUS_SESSION_BUS_ADDRESS") && read.getMessage().contains("left unchanged"), read.getMessage());
        assertFalse(read.getMessage().contains("wrong passphrase"), read.getMessage());
        assertTrue(write.getMessage().contains("left unchanged"), write.getMessage());
        assertFalse(availability.available());
        assertTrue(availability.reason().contains("DBUS_SESSION_BUS_ADDRESS"), availability.reason());
        assertEquals(before, sha256());
    }

    @Test
    void aFileWhoseKeyItemIsGoneIsOneClearLineNamingTheItemAndLeftUnchanged() throws Exception {
        // Arrange
        open(withKeyring()).write(DEV_SECRET, utf8(CANARY));
        String keyId = HexFormat.of().formatHex(Files.readAllBytes(file()), SOURCE_BYTE + 1, SOURCE_BYTE + 17);
        secretTool("clear", "application", "entra-auth-cli", "key-id", keyId);
        String before = sha256();

        // Act
        StoreException e = assertThrows(StoreException.class, () -> open(withKeyring(PASSPHRASE)).read(DEV_SECRET));

        // Assert
        assertEquals(ExitCode.SECRET_STORE, e.exitCode());
        assertTrue(e.getMessage().contains("key-id=" + keyId) && e.getMessage().contains("gone")
                && e.getMessage().contains("left unchanged"), e.getMessage());
        assertEquals(before, sha256());
    }

    /** Runs libsecret's own {@code secret-tool} against the test keyring: an independent view of its items. */
    static String secretTool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("secret-tool"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(SharedKeyring.environment());
        Process process;
        try {
            process = builder.start();
        } catch (java.io.IOException e) {
            throw new AssertionError("secret-tool is needed (Debian package libsecret-tools; .ci/run installs it)", e);
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "secret-tool did not finish");
        return out;
    }
}
