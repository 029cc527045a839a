package dev.entraauth.core.http;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust: the JDK's CAs, plus a PEM bundle when one is given (corporate TLS inspection, the emulator).
 * The bundle is merged, never a replacement, and no option turns verification off.
 */
final class TrustStores {
    private TrustStores() {
    }

    static SSLContext context(Optional<Path> bundle) throws EntraAuthException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (bundle.isEmpty()) {
                context.init(null, null, new SecureRandom());
                return context;
            }
            context.init(null, new TrustManager[] {trustManager(bundle.get())}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new EntraAuthException(ExitCode.ABNORMAL, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * @param bundle a PEM bundle
     * @return a trust manager trusting what the JDK's CAs or the bundle's trust
     */
    static X509TrustManager trustManager(Path bundle) throws EntraAuthException, GeneralSecurityException {
        return new EitherTrustManager(trustManager((KeyStore) null), trustManager(load(bundle)));
    }

    private static KeyStore load(Path file) throws EntraAuthException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new EntraAuthException(ExitCode.USAGE, "CA bundle " + file + " does not exist (from --ca-bundle or "
                    + HttpSettings.CA_BUNDLE_VARIABLE + ")", e);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot read CA bundle " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new EntraAuthException(ExitCode.USAGE, "CA bundle " + file + " is not PEM certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new EntraAuthException(ExitCode.USAGE, "CA bundle " + file + " holds no certificate");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("bundle-" + i++, certificate);
        }
        return store;
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }

    /** Trusts a chain that either the JDK's CAs or the bundle's trust. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException notBySystem) {
                try {
                    second.checkServerTrusted(chain, authType);
                } catch (CertificateException notByBundle) {
                    notBySystem.addSuppressed(notByBundle);
                    throw notBySystem;
                }
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new java.util.ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }
}
