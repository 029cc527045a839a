package dev.entraauth.core.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.testkit.EntraEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NF3: a CA bundle is merged with the JDK's CAs, never a replacement. */
class TrustStoresTest {
    @TempDir
    Path dir;

    @Test
    void withABundleThePublicCasStillValidateAndTheBundlesCaToo() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Path bundle = Files.writeString(dir.resolve("ca.pem"), entra.caCertificatePem());
            X509TrustManager merged = TrustStores.trustManager(bundle);
            X509Certificate publicRoot = jdkRsaRoot();

            assertDoesNotThrow(() -> merged.checkServerTrusted(new X509Certificate[] {publicRoot}, "RSA"),
                    "a chain to the JDK's " + publicRoot.getSubjectX500Principal() + " still validates");
            assertDoesNotThrow(() -> merged.checkServerTrusted(new X509Certificate[] {entra.serverCertificate(), entra.caCertificate()},
                    "RSA"), "the emulator's chain validates through the bundle");
            assertTrue(Arrays.asList(merged.getAcceptedIssuers()).contains(publicRoot));
            assertTrue(Arrays.asList(merged.getAcceptedIssuers()).contains(entra.caCertificate()));
        }
    }

    @Test
    void aChainNeitherTrustsIsRefused() throws Exception {
        try (EntraEmulator trusted = EntraEmulator.start(); EntraEmulator stranger = EntraEmulator.start()) {
            Path bundle = Files.writeString(dir.resolve("ca.pem"), trusted.caCertificatePem());
            X509TrustManager merged = TrustStores.trustManager(bundle);

            assertThrows(CertificateException.class, () -> merged.checkServerTrusted(
                    new X509Certificate[] {stranger.serverCertificate(), stranger.caCertificate()}, "RSA"));
        }
    }

    @Test
    void aBundleThatIsNotPemIsAUsageErrorNamingTheFile() throws Exception {
        Path bundle = Files.writeString(dir.resolve("not.pem"), "this is not a certificate");

        EntraAuthException e = assertThrows(EntraAuthException.class, () -> TrustStores.trustManager(bundle));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("CA bundle " + bundle), e.getMessage());
    }

    private static X509Certificate jdkRsaRoot() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        X509TrustManager jdk = (X509TrustManager) factory.getTrustManagers()[0];
        return Arrays.stream(jdk.getAcceptedIssuers())
                .filter(c -> c.getPublicKey().getAlgorithm().equals("RSA"))
                .findFirst().orElseThrow(() -> new AssertionError("the JDK has no RSA root CA"));
    }
}
