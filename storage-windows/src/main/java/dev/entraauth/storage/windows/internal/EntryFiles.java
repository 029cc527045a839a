package dev.entraauth.storage.windows.internal;

import dev.entraauth.api.store.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The file name of each secret: {@code <profile>+<kind>.dpapi}, where the profile name keeps lower-case
 * letters, digits and {@code -} and writes every other character as {@code _} and two hex digits
 * ({@code Prod.eu} becomes {@code _50rod_2eeu}). Windows file names ignore case, so {@code ci} and {@code CI}
 * must not share a file; no name can be a reserved device name ({@code con}, {@code nul}: the {@code +}
 * is part of the base name) or end in a dot or a space.
 */
final class EntryFiles {
    static final String SUFFIX = ".dpapi";
    private static final char SEPARATOR = '+';

    private EntryFiles() {
    }

    static String fileName(SecretKey key) {
        StringBuilder name = new StringBuilder();
        for (byte b : key.profile().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                name.append(c);
            } else {
                name.append('_').append(HexFormat.of().toHexDigits(b));
            }
        }
        return name.append(SEPARATOR).append(key.kind()).append(SUFFIX).toString();
    }

    /**
     * @param fileName a name found in the store's directory
     * @return the key it holds, or empty for any other file (temporary files, files put there by hand)
     */
    static Optional<SecretKey> keyOf(String fileName) {
        if (!fileName.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String stem = fileName.substring(0, fileName.length() - SUFFIX.length());
        int separator = stem.indexOf(SEPARATOR);
        if (separator <= 0 || stem.indexOf(SEPARATOR, separator + 1) >= 0) {
            return Optional.empty();
        }
        try {
            SecretKey key = new SecretKey(decode(stem.substring(0, separator)), stem.substring(separator + 1));
            return fileName(key).equals(fileName) ? Optional.of(key) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String decode(String encoded) {
        byte[] out = new byte[encoded.length()];
        int n = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '_') {
                if (i + 3 > encoded.length()) {
                    throw new IllegalArgumentException("truncated escape");
                }
                out[n++] = (byte) HexFormat.fromHexDigits(encoded, i + 1, i + 3);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
