package dev.entraauth.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.profile.CertificateSource;
import java.nio.file.Files;
import java.security.Provider;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SECURITY-CHECKLIST BI4 and BI5: every unusable certificate is reported precisely, before any request. */
class CertificateLoaderTest {
    static final char[] PASSWORD = "pfx-Passw0rd!".toCharArray();

    @TempDir
    Path dir;

    final List<String> warnings = new ArrayList<>();
    final Interaction interaction = new Interaction() {
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
        }

        @Override
        public void warn(String message) {
            warnings.add(message);
        }
    };

    private CertificateCredential load(Path file, char[] password) throws EntraAuthException {
        return CertificateLoader.load(CertificateSource.ofFile(file.toString()), password, Clock.systemUTC(), interaction);
    }

    private EntraAuthException failure(Path file, char[] password) {
        return assertThrows(EntraAuthException.class, () -> load(file, password));
    }

    @Test
    void aPfxWithItsPasswordLoadsTheCertificateAndKey() throws Exception {
        Certificates c = Certificates.valid();
        CertificateCredential loaded = load(c.pfx(dir, "app.pfx", PASSWORD), PASSWORD);
        assertEquals(c.certificate, loaded.certificate());
        assertEquals(c.keys.getPrivate().getAlgorithm(), loaded.privateKey().getAlgorithm());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aPemWithCertificateAndKeyLoads() throws Exception {
        Certificates c = Certificates.valid();
        assertEquals(c.certificate, load(c.pem(dir, "app.pem", true, null), null).certificate());
    }

    @Test
    void aPemKeyInASiblingKeyFileIsFound() throws Exception {
        Certificates c = Certificates.valid();
        Path cert = c.pem(dir, "app.pem", false, null);
        Files.move(c.pem(dir, "tmp.pem", true, null), dir.resolve("app.key"));
        assertEquals(c.certificate, load(cert, null).certificate());
    }

    @Test
    void anEncryptedPkcs8KeyIsDecryptedWithThePassword() throws Exception {
        Certificates c = Certificates.valid();
        Path pem = c.pem(dir, "enc.pem", true, PASSWORD);
        assertEquals(c.certificate, load(pem, PASSWORD).certificate());
        EntraAuthException wrong = failure(pem, "wrong".toCharArray());
        assertTrue(wrong.getMessage().startsWith("certificate password incorrect"), wrong.getMessage());
    }

    @Test
    void aMissingFileIsReported() {
        EntraAuthException e = failure(dir.resolve("missing.pfx"), PASSWORD);
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void anUnreadableFileIsAnIoError() throws Exception {
        Path pfx = Certificates.valid().pfx(dir, "locked.pfx", PASSWORD);
        Files.setPosixFilePermissions(pfx, PosixFilePermissions.fromString("---------"));
        if (Files.isReadable(pfx)) {
            // root reads anything: make the path a directory instead, which no one can read as a file
            Files.delete(pfx);
            Files.createDirectory(pfx);
        }
        EntraAuthException e = failure(pfx, PASSWORD);
        assertEquals(ExitCode.IO, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    }

    @Test
    void aFileThatIsNotPkcs12IsReported() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pfx"), "this is not a keystore");
        EntraAuthException e = failure(junk, PASSWORD);
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().contains("not a PKCS#12"), e.getMessage());
    }

    @Test
    void aPemWithoutACertificateIsReported() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.pem"), "just some text\n");
        EntraAuthException e = failure(text, null);
        assertTrue(e.getMessage().contains("no PEM certificate"), e.getMessage());
        Path unknown = Files.writeString(dir.resolve("unknown.pem"), "-----BEGIN NOTHING-----\nAAAA\n-----END NOTHING-----\n");
        EntraAuthException other = failure(unknown, null);
        assertEquals(ExitCode.CONFIG, other.exitCode());
        assertTrue(other.getMessage().contains("is not a valid PEM file"), other.getMessage());
    }

    @Test
    void aPemWithoutAPrivateKeyIsReported() throws Exception {
        Path cert = Certificates.valid().pem(dir, "nokey.pem", false, null);
        EntraAuthException e = failure(cert, null);
        assertTrue(e.getMessage().contains("no private key"), e.getMessage());
    }

    @Test
    void anRsaKeyBelow2048BitsIsRefused() throws Exception {
        Certificates small = Certificates.make(1024, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30 * 12)));
        EntraAuthException e = failure(small.pfx(dir, "small.pfx", PASSWORD), PASSWORD);
        assertTrue(e.getMessage().contains("1024 bits"), e.getMessage());
    }

    @Test
    void anExpiredCertificateIsRefused() throws Exception {
        Certificates old = Certificates.make(2048, Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));
        EntraAuthException e = failure(old.pfx(dir, "old.pfx", PASSWORD), PASSWORD);
        assertTrue(e.getMessage().contains("expired on"), e.getMessage());
    }

    @Test
    void aCertificateNotYetValidIsRefused() throws Exception {
        Certificates future = Certificates.make(2048, Instant.now().plus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(400)));
        EntraAuthException e = failure(future.pfx(dir, "future.pfx", PASSWORD), PASSWORD);
        assertTrue(e.getMessage().contains("not valid before"), e.getMessage());
    }

    @Test
    void aCertificateExpiringWithin30DaysLoadsWithAWarning() throws Exception {
        Certificates soon = Certificates.make(2048, Instant.now().minus(Duration.ofDays(300)), Instant.now().plus(Duration.ofDays(10)));
        load(soon.pfx(dir, "soon.pfx", PASSWORD), PASSWORD);
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().contains("expires on"), warnings.toString());
    }

    @Test
    void aWrongPfxPasswordSaysSoWithoutEchoingIt() throws Exception {
        Path pfx = Certificates.valid().pfx(dir, "app.pfx", PASSWORD);
        char[] wrong = "Wrong-Canary-9".toCharArray();
        EntraAuthException e = failure(pfx, wrong);
        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().startsWith("certificate password incorrect"), e.getMessage());
        assertFalse(e.getMessage().contains("Wrong-Canary-9") || e.getMessage().contains(new String(PASSWORD)), e.getMessage());
        EntraAuthException none = failure(pfx, null);
        assertTrue(none.getMessage().contains("no password is stored"), none.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JDK (SunJSSE)", "Bouncy Castle"})
    void aWrongPfxPasswordIsTheSameErrorUnderTheJdkAndBouncyCastleProviders(String providerName) throws Exception {
        Path pfx = Certificates.valid().pfx(dir, "app.pfx", PASSWORD);
        Provider provider = providerName.equals("Bouncy Castle") ? new BouncyCastleProvider() : null;
        byte[] bytes = Files.readAllBytes(pfx);

        CertificateCredential right = CertificateLoader.pkcs12(pfx, bytes, PASSWORD, provider);
        EntraAuthException wrong = assertThrows(EntraAuthException.class,
                () -> CertificateLoader.pkcs12(pfx, bytes, "Wrong-Canary-9".toCharArray(), provider));

        assertEquals("CN=entra-auth-cli test", right.certificate().getSubjectX500Principal().getName());
        assertEquals(ExitCode.CONFIG, wrong.exitCode());
        assertTrue(wrong.getMessage().startsWith("certificate password incorrect for " + pfx), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("Wrong-Canary-9") || wrong.getMessage().contains(new String(PASSWORD)),
                wrong.getMessage());
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)   // Windows and macOS look in their store
    void certificatesFromTheOsStoreAreRefusedOnThisPlatformWithAPointerToFiles() {
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> CertificateLoader.load(
                new CertificateSource(CertificateSource.Kind.THUMBPRINT, "ABCDEF"), null, Clock.systemUTC(), interaction));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("PFX or PEM"), e.getMessage());
    }
}
