package dev.entraauth.api.flow;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The names of the standard flows and their aliases. This is vocabulary, not implementation: a profile
 * may name a standard flow whose module is not installed, and the registry then says so when the flow
 * is used.
 */
public enum StandardFlow {
    /** Client credentials (RFC 6749 §4.4) with a secret, a certificate or a federated assertion. */
    ClientCredentials(Set.of("client-credentials")),
    /** Authorization code with PKCE, for web apps with a registered redirect URI. */
    AuthorizationCode(Set.of("auth-code", "authorization-code")),
    /** Device authorization grant (RFC 8628). */
    DeviceCode(Set.of("device-code", "device")),
    /** The system browser and a loopback redirect (RFC 8252). */
    InteractiveBrowser(Set.of("interactive", "browser")),
    /** An Azure managed identity. */
    ManagedIdentity(Set.of("managed-identity", "msi"));

    private final Set<String> aliases;

    StandardFlow(Set<String> aliases) {
        this.aliases = aliases;
    }

    /** {@return the aliases users may type for this flow} */
    public Set<String> aliases() {
        return aliases;
    }

    /**
     * Whether a typed name denotes a flow with this canonical name or these aliases: case, '-' and '_'
     * are ignored.
     *
     * @param typed     what the user typed
     * @param canonical the flow's canonical name
     * @param aliases   the flow's aliases
     * @return whether they match
     */
    public static boolean matches(String typed, String canonical, Set<String> aliases) {
        String wanted = normalize(typed);
        return normalize(canonical).equals(wanted) || aliases.stream().anyMatch(a -> normalize(a).equals(wanted));
    }

    /**
     * @param typed a flow name or alias, any case
     * @return the standard flow it names, if any
     */
    public static Optional<StandardFlow> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(f -> matches(typed, f.name(), f.aliases)).findFirst();
    }

    private static String normalize(String text) {
        return text.strip().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }
}
