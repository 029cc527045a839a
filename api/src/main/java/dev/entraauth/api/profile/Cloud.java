package dev.entraauth.api.profile;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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

    /**
     * Microsoft's own authority hosts: the clouds' hosts and their documented aliases. Any other host is
     * used only when the profile says so explicitly with {@link #Custom} (SECURITY-CHECKLIST SP4).
     */
    private static final Set<String> MICROSOFT_AUTHORITY_HOSTS = Set.of(
            "login.microsoftonline.com", "login.microsoft.com", "login.windows.net",
            "login.microsoftonline.us", "login.usgovcloudapi.net",
            "login.chinacloudapi.cn", "login.partner.microsoftonline.cn");

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
     * Whether a host is one of Microsoft's authority hosts (public or sovereign cloud), on the default https
     * port and without a path; only such hosts may stand in a profile whose cloud is not {@link #Custom}.
     *
     * @param host an authority host URL
     * @return whether it is on the allow-list
     */
    public static boolean isMicrosoftAuthorityHost(URI host) {
        return host != null && "https".equalsIgnoreCase(host.getScheme()) && host.getHost() != null
                && (host.getPort() == -1 || host.getPort() == 443)
                && (host.getRawPath() == null || host.getRawPath().isEmpty() || host.getRawPath().equals("/"))
                && MICROSOFT_AUTHORITY_HOSTS.contains(host.getHost().toLowerCase(Locale.ROOT));
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
