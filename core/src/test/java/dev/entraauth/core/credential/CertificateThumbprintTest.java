package dev.entraauth.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.CertificateSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code config show --context} reads of a profile's certificate: the certificate alone, and its thumbprints. */
class CertificateThumbprintTest {
    static final char[] PASSWORD = "pfx-pass".toCharArray();

    @TempDir
    Path dir;

    @Test
    void anExpiredCertificateIsReadForItsThumbprintThoughLoadRefusesIt() throws Exception {
        Certificates old = Certificates.make(2048, Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));
        Path pfx = old.pfx(dir, "old.pfx", PASSWORD);

        assertEquals(old.certificate, CertificateLoader.certificate(CertificateSource.ofFile(pfx.toString()), PASSWORD));
        assertThrows(EntraAuthException.class, () -> CertificateLoader.load(CertificateSource.ofFile(pfx.toString()), PASSWORD,
                java.time.Clock.systemUTC(), null));
    }

    @Test
    void aPemCertificateIsReadWithoutItsKeyOrAPasswordEvenWhenTheKeyIsEncrypted() throws Exception {
        Certificates valid = Certificates.valid();
        Path pem = valid.pem(dir, "enc.pem", true, "key-pass".toCharArray());

        assertEquals(valid.certificate, CertificateLoader.certificate(CertificateSource.ofFile(pem.toString()), null));
    }

    @Test
    void thumbprintsAreUpperCaseHexOfTheDerEncoding() throws Exception {
        Certificates valid = Certificates.valid();
        byte[] der = valid.certificate.getEncoded();

        String sha1 = CertificateLoader.thumbprint(valid.certificate, "SHA-1");
        String sha256 = CertificateLoader.thumbprint(valid.certificate, "SHA-256");

        assertEquals(40, sha1.length());
        assertEquals(64, sha256.length());
        assertTrue(sha1.matches("[0-9A-F]{40}"), sha1);
        assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(der)).toUpperCase(), sha1);
    }

    @Test
    void aWrongPfxPasswordIsStillTheConfigurationErrorLoadGives() throws Exception {
        Path pfx = Certificates.valid().pfx(dir, "c.pfx", PASSWORD);

        EntraAuthException e = assertThrows(EntraAuthException.class,
                () -> CertificateLoader.certificate(CertificateSource.ofFile(pfx.toString()), "wrong".toCharArray()));

        assertEquals(ExitCode.CONFIG, e.exitCode());
        assertTrue(e.getMessage().startsWith("certificate password incorrect"), e.getMessage());
    }
}
