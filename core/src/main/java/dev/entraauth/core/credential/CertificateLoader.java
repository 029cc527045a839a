package dev.entraauth.core.credential;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.profile.CertificateSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Loads a certificate and its key from a PFX (PKCS#12) or PEM file and checks it the way Entra would, before
 * anything is sent: each problem has its own one-line message, and a password is never echoed.
 */
public final class CertificateLoader {
    /** A warning is printed when the certificate expires within this time. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    private static final int MIN_RSA_BITS = 2048;
    /**
     * For the PBE ciphers of encrypted PEM keys (the JDK names them differently); never registered globally. Made
     * only when such a key is read: creating Bouncy Castle's provider registers every algorithm it has (≈0.6 s).
     */
    private static final class BouncyCastle {
        static final java.security.Provider PROVIDER = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }

    private CertificateLoader() {
    }

    /**
     * @param source      the certificate reference of a profile (PFX or PEM)
     * @param password    the PFX or encrypted-key password, or null
     * @param clock       the clock for the validity check
     * @param interaction for the expiry warning
     * @return the checked credential
     * @throws EntraAuthException {@link ExitCode#CONFIG} naming the problem, {@link ExitCode#IO} when unreadable
     */
    public static CertificateCredential load(CertificateSource source, char[] password, Clock clock, Interaction interaction)
            throws EntraAuthException {
        if (!source.isFile()) {
            CertificateCredential stored = OsCertificateStore.find(source, clock);
            check("the operating system's store (" + source.kind().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + source.value() + ")", stored, clock, interaction);
            return stored;
        }
        Path file = Path.of(source.value());
        byte[] bytes = read(file);
        CertificateCredential credential = source.kind() == CertificateSource.Kind.PFX
                ? pkcs12(file, bytes, password) : pem(file, bytes, password);
        check(file, credential, clock, interaction);
        return credential;
    }

    /**
     * Reads only the certificate of a profile's PFX or PEM file, without the checks of {@link #load} (an expired
     * certificate is still shown), to tell which certificate a profile uses.
     *
     * @param source   the certificate reference of a profile (PFX or PEM)
     * @param password the PFX password, or null (a PEM certificate needs none)
     * @return the certificate (the first of a PEM file)
     * @throws EntraAuthException as {@link #load} does
     */
    public static X509Certificate certificate(CertificateSource source, char[] password) throws EntraAuthException {
        if (!source.isFile()) {
            return OsCertificateStore.find(source, Clock.systemUTC()).certificate();
        }
        Path file = Path.of(source.value());
        byte[] bytes = read(file);
        if (source.kind() == CertificateSource.Kind.PFX) {
            return pkcs12(file, bytes, password).certificate();
        }
        try (Reader reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object; (object = parser.readObject()) != null; ) {
                if (object instanceof X509CertificateHolder holder) {
                    return new JcaX509CertificateConverter().getCertificate(holder);
                }
            }
        } catch (IOException | CertificateException e) {
            throw new EntraAuthException(ExitCode.CONFIG, file + " is not a valid PEM file: " + e.getMessage(), e);
        }
        throw new EntraAuthException(ExitCode.CONFIG, file + " holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)");
    }

    /**
     * @param certificate a certificate
     * @param algorithm   {@code SHA-1} (Windows' and Entra's thumbprint) or {@code SHA-256}
     * @return the digest of its DER encoding in upper-case hex, as Windows and the Entra admin center show it
     * @throws EntraAuthException when the certificate cannot be encoded
     */
    public static String thumbprint(X509Certificate certificate, String algorithm) throws EntraAuthException {
        try {
            return java.util.HexFormat.of().withUpperCase()
                    .formatHex(java.security.MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new EntraAuthException(ExitCode.ABNORMAL, "cannot compute the " + algorithm + " thumbprint: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws EntraAuthException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new EntraAuthException(ExitCode.CONFIG, "certificate file " + file + " does not exist", e);
        } catch (AccessDeniedException e) {
            throw new EntraAuthException(ExitCode.IO, "certificate file " + file + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "certificate file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static CertificateCredential pkcs12(Path file, byte[] bytes, char[] password) throws EntraAuthException {
        return pkcs12(file, bytes, password, null);
    }

    /**
     * Reads a PKCS#12 file with the given JCA provider ({@code null}: the JDK's). The CLI uses the JDK's; the
     * provider is a parameter so that tests can prove Bouncy Castle's failures are classified the same way.
     */
    static CertificateCredential pkcs12(Path file, byte[] bytes, char[] password, java.security.Provider provider)
            throws EntraAuthException {
        KeyStore store;
        try {
            store = provider == null ? KeyStore.getInstance("PKCS12") : KeyStore.getInstance("PKCS12", provider);
            store.load(new java.io.ByteArrayInputStream(bytes), password == null ? new char[0] : password);
        } catch (IOException e) {
            if (isWrongPassword(e)) {
                throw new EntraAuthException(ExitCode.CONFIG, "certificate password incorrect for " + file
                        + (password == null || password.length == 0 ? " (no password is stored for it)" : ""), e);
            }
            throw new EntraAuthException(ExitCode.CONFIG, file + " is not a PKCS#12 (.pfx) file: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new EntraAuthException(ExitCode.CONFIG, file + " cannot be read as PKCS#12: " + e.getMessage(), e);
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, password == null ? new char[0] : password);
                    Certificate[] chain = store.getCertificateChain(alias);
                    if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0
                            && chain[0] instanceof X509Certificate leaf) {
                        List<X509Certificate> certificates = new ArrayList<>();
                        for (Certificate c : chain) {
                            certificates.add((X509Certificate) c);
                        }
                        return new CertificateCredential(leaf, privateKey, certificates);
                    }
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new EntraAuthException(ExitCode.CONFIG, "certificate password incorrect for the key in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new EntraAuthException(ExitCode.CONFIG, file + " cannot be read as PKCS#12: " + e.getMessage(), e);
        }
        throw new EntraAuthException(ExitCode.CONFIG, file + " holds no private key with a certificate");
    }

    /** The JDK reports a wrong PKCS#12 password as an IOException caused by UnrecoverableKeyException; some providers give no cause. */
    static boolean isWrongPassword(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecoverableKeyException || t instanceof javax.crypto.BadPaddingException) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase();
            if (message.contains("password") || message.contains("mac invalid") || message.contains("integrity check")) {
                return true;
            }
        }
        return false;
    }

    private static CertificateCredential pem(Path file, byte[] bytes, char[] password) throws EntraAuthException {
        List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey key = readPem(file, bytes, password, certificates);
        if (key == null) {
            Path sibling = sibling(file);
            if (sibling != null && Files.isRegularFile(sibling)) {
                key = readPem(sibling, read(sibling), password, new ArrayList<>());
            }
        }
        if (certificates.isEmpty()) {
            throw new EntraAuthException(ExitCode.CONFIG, file + " holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        if (key == null) {
            throw new EntraAuthException(ExitCode.CONFIG, file + " holds no private key (put the key in the same file or in "
                    + (sibling(file) == null ? "a .key file beside it" : sibling(file)) + ")");
        }
        return new CertificateCredential(certificates.getFirst(), key, certificates);
    }

    private static Path sibling(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? null : file.resolveSibling(name.substring(0, dot) + ".key");
    }

    private static PrivateKey readPem(Path file, byte[] bytes, char[] password, List<X509Certificate> certificates)
            throws EntraAuthException {
        PrivateKey key = null;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = new java.io.InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object; (object = parser.readObject()) != null; ) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(new JcaX509CertificateConverter().getCertificate(holder));
                } else if (object instanceof PrivateKeyInfo info) {
                    key = converter.getPrivateKey(info);
                } else if (object instanceof PEMKeyPair pair) {
                    key = converter.getKeyPair(pair).getPrivate();
                } else if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(file, password);
                    key = converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password)));
                } else if (object instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(file, password);
                    key = converter.getKeyPair(encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(password))).getPrivate();
                }
            }
        } catch (PKCSException | org.bouncycastle.openssl.EncryptionException e) {
            throw new EntraAuthException(ExitCode.CONFIG, "certificate password incorrect for the key in " + file, e);
        } catch (IOException | CertificateException | OperatorCreationException e) {
            throw new EntraAuthException(ExitCode.CONFIG, file + " is not a valid PEM file: " + e.getMessage(), e);
        }
        return key;
    }

    private static void requirePassword(Path file, char[] password) throws EntraAuthException {
        if (password == null || password.length == 0) {
            throw new EntraAuthException(ExitCode.CONFIG, "the private key in " + file + " is encrypted and no password is stored;"
                    + " add it with 'config edit --certificate-password-stdin'");
        }
    }

    private static void check(Object file, CertificateCredential credential, Clock clock, Interaction interaction)
            throws EntraAuthException {
        X509Certificate certificate = credential.certificate();
        if (!(certificate.getPublicKey() instanceof RSAPublicKey rsa)) {
            throw new EntraAuthException(ExitCode.CONFIG, "the certificate in " + file + " has a "
                    + certificate.getPublicKey().getAlgorithm() + " key; Entra client assertions need RSA");
        }
        if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new EntraAuthException(ExitCode.CONFIG, "the certificate in " + file + " has an RSA key of "
                    + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS + " are required");
        }
        if (credential.privateKey() instanceof RSAPrivateCrtKey key && !key.getModulus().equals(rsa.getModulus())) {
            throw new EntraAuthException(ExitCode.CONFIG, "the private key in " + file + " does not belong to its certificate");
        }
        Instant now = clock.instant();
        try {
            certificate.checkValidity(java.util.Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new EntraAuthException(ExitCode.CONFIG, "the certificate in " + file + " expired on "
                    + certificate.getNotAfter().toInstant() + "; renew it and upload the new one to the app registration", e);
        } catch (CertificateNotYetValidException e) {
            throw new EntraAuthException(ExitCode.CONFIG, "the certificate in " + file + " is not valid before "
                    + certificate.getNotBefore().toInstant(), e);
        }
        Instant expires = certificate.getNotAfter().toInstant();
        if (expires.isBefore(now.plus(EXPIRY_WARNING))) {
            interaction.warn("the certificate in " + file + " expires on " + expires + " (in "
                    + Duration.between(now, expires).toDays() + " days); renew it soon");
        }
    }
}
