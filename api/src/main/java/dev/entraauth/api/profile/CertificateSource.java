package dev.entraauth.api.profile;

import java.util.Objects;

/**
 * Where a profile's certificate comes from. The profile keeps only this reference, never the key;
 * a PFX password lives in the secret store.
 *
 * @param kind  what {@code value} means
 * @param value a file path, a SHA-1 thumbprint (hex) or a subject name
 */
public record CertificateSource(Kind kind, String value) {

    /** The kinds of certificate reference. */
    public enum Kind {
        /** A PKCS#12 file (.pfx/.p12), possibly password-protected. */
        PFX,
        /** A PEM file holding the certificate and the private key (or the certificate with a sibling .key). */
        PEM,
        /** A certificate in the operating system's store, by SHA-1 thumbprint. */
        THUMBPRINT,
        /** A certificate in the operating system's store, by subject name. */
        SUBJECT
    }

    /** Validates that both parts are present. */
    public CertificateSource {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("certificate " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " must not be empty");
        }
    }

    /**
     * Classifies a certificate file by its name: {@code .pfx}/{@code .p12} is PFX, anything else PEM.
     *
     * @param path the file path as the user gave it
     * @return the certificate source for the file
     */
    public static CertificateSource ofFile(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        Kind kind = lower.endsWith(".pfx") || lower.endsWith(".p12") ? Kind.PFX : Kind.PEM;
        return new CertificateSource(kind, path);
    }

    /** {@return whether the certificate is a file on disk (PFX or PEM)} */
    public boolean isFile() {
        return kind == Kind.PFX || kind == Kind.PEM;
    }
}
