package dev.entraauth.api.profile;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The Microsoft cloud a profile signs in to; {@link #Custom} takes an explicit authority host. */
public enum Cloud {
    /** The global Azure cloud. */
    AzurePublic("https://login.microsoftonline.com", "https://graph.microsoft.com"),
    /** Azure Government (US). */
    AzureUSGovernment("https://login.microsoftonline.us", "https://graph.microsoft.us"),
    /** Azure operated by 21Vianet (China). */
    AzureChina("https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"),
    /** Any other https authority host, set explicitly on the profile. */
    Custom(null, null);

    private final URI authorityHost;
    private final URI graphHost;

    Cloud(String authorityHost, String graphHost) {
        this.authorityHost = authorityHost == null ? null : URI.create(authorityHost);
        this.graphHost = graphHost == null ? null : URI.create(graphHost);
    }

    /** {@return the authority host of this cloud, empty for {@link #Custom}} */
    public Optional<URI> authorityHost() {
        return Optional.ofNullable(authorityHost);
    }

    /** {@return the Microsoft Graph host of this cloud, empty for {@link #Custom}} */
    public Optional<URI> graphHost() {
        return Optional.ofNullable(graphHost);
    }

    /**
     * Parses a cloud name case-insensitively, ignoring '-' and '_'.
     *
     * @param text the user's spelling
     * @return the cloud, or empty when the text names none
     */
    public static Optional<Cloud> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.replace("-", "").replace("_", "").strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}
