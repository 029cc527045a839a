package dev.entraauth.core.loopback;

import java.util.Locale;
import java.util.Optional;

/**
 * The host name in the loopback redirect URI (SECURITY-CHECKLIST LB2). The listening socket is always
 * {@code 127.0.0.1}; only what the authorize request names changes. {@code [::1]} is not offered because Entra ID
 * does not accept it.
 */
public enum RedirectHost {
    /** {@code http://localhost:<port>}: matches a redirect URI {@code http://localhost} registered in the portal (the default). */
    LOCALHOST("localhost"),
    /** {@code http://127.0.0.1:<port>}: for apps whose manifest registers {@code http://127.0.0.1}. */
    LOOPBACK_IP("127.0.0.1");

    /** The environment variable that chooses the redirect host: {@code localhost} (default) or {@code 127.0.0.1}. */
    public static final String VARIABLE = "ENTRA_AUTH_CLI_REDIRECT_HOST";

    private final String host;

    RedirectHost(String host) {
        this.host = host;
    }

    /** {@return the host name as it appears in the redirect URI} */
    public String host() {
        return host;
    }

    /**
     * @param text {@code localhost} or {@code 127.0.0.1}, any case, or null/blank
     * @return the redirect host; empty when the text names neither
     */
    public static Optional<RedirectHost> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(LOCALHOST);
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (RedirectHost h : values()) {
            if (h.host.equals(t)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
