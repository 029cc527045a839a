package dev.entraauth.api.profile;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the application proves its identity to Entra ID. */
public enum AuthMethod {
    /** A confidential client with a client secret (kept in the secret store). */
    ClientSecret,
    /** A confidential client with a certificate (PFX or PEM file, or an OS certificate store entry). */
    Certificate,
    /** A public client: no application credential, a user signs in. */
    PublicClient,
    /** An Azure managed identity: no credential on this machine at all. */
    ManagedIdentity,
    /**
     * A confidential client proving itself with a token of an external issuer it trusts (workload identity
     * federation: Kubernetes, GitHub Actions): the token file named by the profile, else by
     * {@code AZURE_FEDERATED_TOKEN_FILE}, read again for every request.
     */
    FederatedToken;

    /** {@return whether this method is a confidential client (client secret, certificate or federated token)} */
    public boolean isConfidential() {
        return this == ClientSecret || this == Certificate || this == FederatedToken;
    }

    /**
     * Parses a method name case-insensitively, ignoring '-' and '_' ({@code client-secret} works).
     *
     * @param text the user's spelling
     * @return the method, or empty when the text names none
     */
    public static Optional<AuthMethod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = normalize(text);
        return Arrays.stream(values()).filter(m -> normalize(m.name()).equals(wanted)).findFirst();
    }

    private static String normalize(String text) {
        return text.replace("-", "").replace("_", "").strip().toLowerCase(Locale.ROOT);
    }
}
