package dev.entraauth.core.credential;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with its private key, checked and ready to sign client assertions.
 *
 * @param certificate the leaf certificate registered on the application
 * @param privateKey  its private key
 * @param chain       the chain, leaf first (may be just the leaf)
 */
public record CertificateCredential(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {
    /** Copies the chain. */
    public CertificateCredential {
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        return "CertificateCredential[" + certificate.getSubjectX500Principal().getName() + ", key=***]";
    }
}
