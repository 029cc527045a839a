package dev.entraauth.flows.managedidentity.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, named by the SHA-1 thumbprint Service Fabric gives its applications in
 * {@code IDENTITY_SERVER_THUMBPRINT}: the managed identity endpoint's certificate is self-signed and issued for no
 * host name the client knows, so neither a CA nor the host name can be checked, and the pin replaces both (as
 * Azure's SDKs do). Any other certificate is refused with a message naming both thumbprints. Unlike the SDKs, which
 * check the thumbprint only, the pinned certificate is also refused once expired (or not yet valid), saying so.
 */
final class ThumbprintTrust extends X509ExtendedTrustManager {
    private final String expected;

    /** @param thumbprint the SHA-1 thumbprint in hex (any case; colons and spaces ignored) */
    ThumbprintTrust(String thumbprint) {
        this.expected = thumbprint.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** {@return a TLS context that trusts the pinned certificate only} */
    SSLContext context() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {this}, new SecureRandom());
        return context;
    }

    static String thumbprint(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new CertificateException("SHA-1 is not available", e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        String actual = thumbprint(chain[0]);
        if (!MessageDigest.isEqual(actual.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new CertificateException("the server's certificate has thumbprint " + actual
                    + ", not IDENTITY_SERVER_THUMBPRINT " + expected);
        }
        // Azure's SDKs check the thumbprint only; an expired pinned certificate is refused here all the same (a
        // certificate Service Fabric should have rotated), and the message says that this is why
        try {
            chain[0].checkValidity();
        } catch (java.security.cert.CertificateExpiredException e) {
            throw new CertificateException("the pinned certificate (IDENTITY_SERVER_THUMBPRINT " + expected + ") expired on "
                    + chain[0].getNotAfter().toInstant() + "; the CLI refuses an expired pinned certificate, and Service"
                    + " Fabric should have rotated it", e);
        } catch (java.security.cert.CertificateNotYetValidException e) {
            throw new CertificateException("the pinned certificate (IDENTITY_SERVER_THUMBPRINT " + expected + ") is not valid"
                    + " before " + chain[0].getNotBefore().toInstant() + "; check this machine's clock", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client is never trusted here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a client is never trusted here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a client is never trusted here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
