package dev.entraauth.core.credential;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.CertificateSource;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A certificate with its private key from the operating system's store, by SHA-1 thumbprint or by subject, as
 * Microsoft Entra PowerShell's {@code -CertificateThumbprint} / {@code -CertificateName} find it: Windows
 * {@code CurrentUser\My} (or {@code LocalMachine\My}) through the JDK's {@code Windows-MY} key stores, macOS keychain
 * identities through {@code KeychainStore}. Linux has no such store. The profile keeps only the reference
 * ({@code [CurrentUser\My\ | LocalMachine\My\]<thumbprint or subject>}); the key never leaves the store's provider
 * more than the JDK makes it.
 */
public final class OsCertificateStore {
    static final String LOCAL_MACHINE = "LocalMachine\\My\\";
    static final String CURRENT_USER = "CurrentUser\\My\\";

    private OsCertificateStore() {
    }

    /** Where a reference is searched: a description for messages and the JDK key store type. */
    record Location(String description, String keyStoreType) {
    }

    /**
     * @param osName    {@code os.name}
     * @param reference the stored reference, possibly prefixed with the store
     * @return where to search
     * @throws EntraAuthException on an operating system without a certificate store (Linux), pointing to PFX/PEM
     */
    static Location location(String osName, String reference) throws EntraAuthException {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("windows")) {
            return reference.regionMatches(true, 0, LOCAL_MACHINE, 0, LOCAL_MACHINE.length())
                    ? new Location("LocalMachine\\My", "Windows-MY-LOCALMACHINE") : new Location("CurrentUser\\My", "Windows-MY");
        }
        if (os.contains("mac")) {
            return new Location("the macOS keychain (identities of the login keychain)", "KeychainStore");
        }
        throw new EntraAuthException(ExitCode.USAGE, osName + " has no operating-system certificate store to look up '"
                + value(reference) + "' in; export the certificate and its key to a PFX or PEM file (openssl pkcs12 -export)"
                + " and use --certificate PATH");
    }

    /** {@return the reference without its store prefix} */
    static String value(String reference) {
        for (String prefix : List.of(LOCAL_MACHINE, CURRENT_USER)) {
            if (reference.regionMatches(true, 0, prefix, 0, prefix.length())) {
                return reference.substring(prefix.length());
            }
        }
        return reference;
    }

    /**
     * Finds the certificate a profile names in this operating system's store.
     *
     * @param source a THUMBPRINT or SUBJECT reference
     * @param clock  now, to prefer a valid certificate
     * @return the certificate, its key and chain
     * @throws EntraAuthException naming what was searched and where when nothing matches
     */
    public static CertificateCredential find(CertificateSource source, Clock clock) throws EntraAuthException {
        Location location = location(System.getProperty("os.name", ""), source.value());
        KeyStore store;
        try {
            store = KeyStore.getInstance(location.keyStoreType());
            store.load(null, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot open " + location.description() + " (" + location.keyStoreType()
                    + "): " + e.getMessage(), e);
        }
        return find(store, location.description(), source, clock);
    }

    /**
     * The search itself, on any key store: entries with a private key whose certificate has the SHA-1 thumbprint
     * (hex, any case, spaces and colons ignored) or the subject (the full distinguished name, {@code CN=name} or just
     * the common name, case-insensitive). Of several matches the valid one expiring last wins, as Entra PowerShell
     * does.
     *
     * @param store the opened key store
     * @param where its description, for messages
     * @param source the reference
     * @param clock now
     * @return the certificate, its key and chain
     * @throws EntraAuthException naming the reference and where it was searched
     */
    static CertificateCredential find(KeyStore store, String where, CertificateSource source, Clock clock) throws EntraAuthException {
        String wanted = value(source.value()).strip();
        boolean byThumbprint = source.kind() == CertificateSource.Kind.THUMBPRINT;
        if (byThumbprint) {
            wanted = wanted.replaceAll("[\\s:]", "").toUpperCase(Locale.ROOT);
            if (!wanted.matches("[0-9A-F]{40}")) {
                throw new EntraAuthException(ExitCode.USAGE, "certificate thumbprint '" + value(source.value())
                        + "' is not a SHA-1 thumbprint (40 hexadecimal digits, as Windows and the Entra admin center show it)");
            }
        } else if (source.kind() != CertificateSource.Kind.SUBJECT) {
            throw new IllegalArgumentException("not a store reference: " + source.kind());
        }
        String what = (byThumbprint ? "thumbprint " : "subject '") + wanted + (byThumbprint ? "" : "'");
        List<CertificateCredential> matches = new ArrayList<>();
        int searched = 0;
        try {
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                String alias = aliases.nextElement();
                if (!store.isKeyEntry(alias) || !(store.getCertificate(alias) instanceof X509Certificate certificate)) {
                    continue;
                }
                searched++;
                boolean match = byThumbprint ? CertificateLoader.thumbprint(certificate, "SHA-1").equals(wanted)
                        : subjectMatches(certificate, wanted);
                if (match) {
                    Key key = store.getKey(alias, new char[0]);
                    if (key instanceof PrivateKey privateKey) {
                        List<X509Certificate> chain = new ArrayList<>();
                        Certificate[] stored = store.getCertificateChain(alias);
                        for (Certificate c : stored == null ? new Certificate[0] : stored) {
                            if (c instanceof X509Certificate x) {
                                chain.add(x);
                            }
                        }
                        matches.add(new CertificateCredential(certificate, privateKey, chain.isEmpty() ? List.of(certificate) : chain));
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot read " + where + " while looking for the certificate with " + what
                    + ": " + e.getMessage(), e);
        }
        if (matches.isEmpty()) {
            throw new EntraAuthException(ExitCode.CONFIG, "no certificate with a private key and " + what + " in " + where
                    + " (" + searched + " with a private key searched)");
        }
        Instant now = clock.instant();
        Optional<CertificateCredential> valid = matches.stream()
                .filter(c -> !now.isBefore(c.certificate().getNotBefore().toInstant()) && now.isBefore(c.certificate().getNotAfter().toInstant()))
                .max(Comparator.comparing(c -> c.certificate().getNotAfter()));
        if (valid.isPresent()) {
            return valid.get();
        }
        CertificateCredential newest = matches.stream().max(Comparator.comparing(c -> c.certificate().getNotAfter())).orElseThrow();
        throw new EntraAuthException(ExitCode.CONFIG, "the certificate with " + what + " in " + where + " is not valid now (valid "
                + newest.certificate().getNotBefore().toInstant() + " to " + newest.certificate().getNotAfter().toInstant()
                + "); renew it, upload the new one to the app registration and point the profile at it");
    }

    private static boolean subjectMatches(X509Certificate certificate, String wanted) {
        List<String[]> subject = rdns(certificate.getSubjectX500Principal().getName());
        List<String[]> asked = rdns(wanted);
        if (asked.size() > 1 || (asked.size() == 1 && !asked.getFirst()[0].isEmpty() && !asked.getFirst()[0].equalsIgnoreCase("CN"))) {
            return text(subject).equalsIgnoreCase(text(asked));   // a full distinguished name, in either order
        }
        String name = asked.isEmpty() ? wanted : asked.getFirst()[1];
        return subject.stream().anyMatch(rdn -> rdn[0].equalsIgnoreCase("CN") && rdn[1].equalsIgnoreCase(name));
    }

    /** Splits an RFC 2253 name into (type, value) pairs; a text without '=' is one pair with an empty type. */
    static List<String[]> rdns(String dn) {
        List<String[]> result = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c == '\\' && i + 1 < dn.length()) {
                part.append(dn.charAt(++i));
            } else if (c == ',' || c == ';') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        for (String p : parts) {
            int eq = p.indexOf('=');
            result.add(eq < 0 ? new String[] {"", p.strip()} : new String[] {p.substring(0, eq).strip(), p.substring(eq + 1).strip()});
        }
        return result;
    }

    private static String text(List<String[]> rdns) {
        return rdns.stream().map(r -> r[0].toUpperCase(Locale.ROOT) + "=" + r[1].toLowerCase(Locale.ROOT)).sorted()
                .reduce((a, b) -> a + "," + b).orElse("");
    }
}
