package dev.entraauth.api.store;

import dev.entraauth.api.profile.Identifiers;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one secret: the profile it belongs to and what it is.
 *
 * @param profile the profile name
 * @param kind    what the secret is: {@link #CLIENT_SECRET}, {@link #CERTIFICATE_PASSWORD},
 *                {@link #TOKEN_CACHE}, or a plugin's own kind ({@code [a-z0-9-]+})
 */
public record SecretKey(String profile, String kind) {
    /** A client secret. */
    public static final String CLIENT_SECRET = "client-secret";
    /** The password of a PFX file. */
    public static final String CERTIFICATE_PASSWORD = "certificate-password";
    /** A serialized token cache. */
    public static final String TOKEN_CACHE = "token-cache";

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Validates both parts. */
    public SecretKey {
        Identifiers.profileName(profile);
        Objects.requireNonNull(kind, "kind");
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("secret kind '" + kind + "' is invalid (lower-case letters, digits and '-')");
        }
    }

    /** {@return a single-string form, {@code profile/kind}, for stores that key by string} */
    public String qualifiedName() {
        return profile + "/" + kind;
    }

    /**
     * Parses {@link #qualifiedName()}.
     *
     * @param qualified {@code profile/kind}
     * @return the key
     */
    public static SecretKey parse(String qualified) {
        int slash = qualified.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a secret key: '" + qualified + "'");
        }
        return new SecretKey(qualified.substring(0, slash), qualified.substring(slash + 1));
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
