package dev.entraauth.core.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.CertificateSource;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The OS certificate store lookup by thumbprint and subject ({@code -CertificateThumbprint} / {@code -CertificateName}),
 * on a key store the test fills (the search is the same whatever the store), and the platform rules.
 */
class OsCertificateStoreTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static KeyPair keys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    static X509Certificate certificate(String subject, Instant from, Instant to) throws Exception {
        X500Name name = new X500Name(subject);
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(to), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    static KeyStore store(X509Certificate... certificates) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : certificates) {
            store.setKeyEntry("entry" + i++, keys.getPrivate(), new char[0], new Certificate[] {c});
        }
        return store;
    }

    static CertificateCredential find(KeyStore store, CertificateSource.Kind kind, String value) throws EntraAuthException {
        return OsCertificateStore.find(store, "CurrentUser\\My", new CertificateSource(kind, value), CLOCK);
    }

    @Test
    void aThumbprintFindsItsCertificateInAnyCaseWithSpacesOrColons() throws Exception {
        X509Certificate wanted = certificate("CN=automation", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)));
        KeyStore store = store(certificate("CN=other", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300))), wanted);
        String thumbprint = CertificateLoader.thumbprint(wanted, "SHA-1");

        assertEquals(wanted, find(store, CertificateSource.Kind.THUMBPRINT, thumbprint.toLowerCase()).certificate());
        assertEquals(wanted, find(store, CertificateSource.Kind.THUMBPRINT, thumbprint.replaceAll("(..)", "$1 ").strip()).certificate());
        assertEquals(wanted, find(store, CertificateSource.Kind.THUMBPRINT, "CurrentUser\\My\\" + thumbprint).certificate());
    }

    @Test
    void aSubjectIsMatchedAsCnEqualsNameAsTheBareNameOrAsTheFullDistinguishedName() throws Exception {
        X509Certificate wanted = certificate("CN=Automation App, O=Contoso", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)));
        KeyStore store = store(certificate("CN=Automation", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300))), wanted);

        assertEquals(wanted, find(store, CertificateSource.Kind.SUBJECT, "CN=automation app").certificate());
        assertEquals(wanted, find(store, CertificateSource.Kind.SUBJECT, "Automation App").certificate());
        assertEquals(wanted, find(store, CertificateSource.Kind.SUBJECT, "CN=Automation App,O=Contoso").certificate());
    }

    @Test
    void ofSeveralMatchesTheValidOneExpiringLastWins() throws Exception {
        X509Certificate expired = certificate("CN=ci", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)));
        X509Certificate soon = certificate("CN=ci", NOW.minus(Duration.ofDays(300)), NOW.plus(Duration.ofDays(10)));
        X509Certificate later = certificate("CN=ci", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(700)));
        X509Certificate future = certificate("CN=ci", NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(900)));

        assertEquals(later, find(store(expired, soon, later, future), CertificateSource.Kind.SUBJECT, "ci").certificate());
    }

    @Test
    void nothingFoundNamesTheReferenceTheStoreAndHowManyWereSearched() throws Exception {
        KeyStore store = store(certificate("CN=a", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9))),
                certificate("CN=b", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9))));

        EntraAuthException byName = assertThrows(EntraAuthException.class, () -> find(store, CertificateSource.Kind.SUBJECT, "CN=c"));
        EntraAuthException byThumbprint = assertThrows(EntraAuthException.class,
                () -> find(store, CertificateSource.Kind.THUMBPRINT, "F96B6A444C0ADF2DD3B91C8184918111DB055E42"));

        assertEquals(ExitCode.CONFIG, byName.exitCode());
        assertEquals("no certificate with a private key and subject 'CN=c' in CurrentUser\\My (2 with a private key searched)",
                byName.getMessage());
        assertEquals("no certificate with a private key and thumbprint F96B6A444C0ADF2DD3B91C8184918111DB055E42 in CurrentUser\\My"
                + " (2 with a private key searched)", byThumbprint.getMessage());
    }

    @Test
    void onlyExpiredMatchesSayWhenTheyWereValid() throws Exception {
        X509Certificate expired = certificate("CN=ci", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)));
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> find(store(expired), CertificateSource.Kind.SUBJECT, "ci"));
        assertTrue(e.getMessage().startsWith("the certificate with subject 'ci' in CurrentUser\\My is not valid now (valid "), e.getMessage());
    }

    @Test
    void aThumbprintThatIsNotSha1IsAUsageError() throws Exception {
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> find(store(), CertificateSource.Kind.THUMBPRINT, "ABC"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("40 hexadecimal digits"), e.getMessage());
    }

    @Test
    void eachOperatingSystemHasItsStoreAndLinuxPointsToPfxOrPem() throws Exception {
        assertEquals(new OsCertificateStore.Location("CurrentUser\\My", "Windows-MY"), OsCertificateStore.location("Windows 11", "AB"));
        assertEquals(new OsCertificateStore.Location("LocalMachine\\My", "Windows-MY-LOCALMACHINE"),
                OsCertificateStore.location("Windows Server 2022", "LocalMachine\\My\\AB"));
        assertEquals("KeychainStore", OsCertificateStore.location("Mac OS X", "AB").keyStoreType());
        EntraAuthException linux = assertThrows(EntraAuthException.class, () -> OsCertificateStore.location("Linux", "CN=ci"));
        assertEquals(ExitCode.USAGE, linux.exitCode());
        assertEquals("Linux has no operating-system certificate store to look up 'CN=ci' in; export the certificate and its key to a"
                + " PFX or PEM file (openssl pkcs12 -export) and use --certificate PATH", linux.getMessage());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void onLinuxAThumbprintProfileFailsWithThePointerToPfxOrPemBeforeAnything() {
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> CertificateLoader.load(
                new CertificateSource(CertificateSource.Kind.THUMBPRINT, "F96B6A444C0ADF2DD3B91C8184918111DB055E42"), null, CLOCK, null));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("use --certificate PATH"), e.getMessage());
    }

    @Test
    @EnabledOnOs({OS.WINDOWS, OS.MAC})
    void onWindowsAndMacAnUnknownThumbprintNamesTheStoreSearched() {
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> OsCertificateStore.find(
                new CertificateSource(CertificateSource.Kind.THUMBPRINT, "0000000000000000000000000000000000000000"), CLOCK));
        assertTrue(e.getMessage().startsWith("no certificate with a private key and thumbprint 0000000000000000000000000000000000000000 in "),
                e.getMessage());
        assertTrue(e.getMessage().contains(System.getProperty("os.name").startsWith("Windows") ? "CurrentUser\\My" : "keychain"),
                e.getMessage());
    }

    @Test
    void theSameEntryIsNotCopiedTheKeyComesFromTheStore() throws Exception {
        X509Certificate only = certificate("CN=ci", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        CertificateCredential found = find(store(only), CertificateSource.Kind.SUBJECT, "ci");
        assertEquals(keys.getPrivate(), found.privateKey());
        assertSame(1, found.chain().size());
    }
}
