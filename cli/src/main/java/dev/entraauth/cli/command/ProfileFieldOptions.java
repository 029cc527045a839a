package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.CertificateSource;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.PortRange;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.registry.FlowRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The profile settings {@code config create} and {@code config edit} take as flags, one per prompt. */
final class ProfileFieldOptions {
    @Option(names = {"--tenant-id", "--tenant"}, paramLabel = "TENANT",
            description = "Tenant ID (GUID) or verified domain (contoso.onmicrosoft.com).")
    String tenantId;

    @Option(names = "--client-id", paramLabel = "GUID",
            description = "Application (client) ID; with --auth-method ManagedIdentity, a user-assigned identity's client ID.")
    String clientId;

    @Option(names = "--identity-id", paramLabel = "ID",
            description = "ManagedIdentity: a user-assigned identity by object ID (GUID) or Azure resource ID (/subscriptions/...).")
    String identityId;

    @Option(names = "--auth-method", paramLabel = "METHOD",
            description = "ClientSecret, Certificate, PublicClient, ManagedIdentity or FederatedToken.")
    String authMethod;

    @Option(names = "--certificate", paramLabel = "PATH",
            description = "Certificate file: .pfx/.p12, or PEM with certificate and private key.")
    Path certificate;

    @Option(names = "--certificate-thumbprint", paramLabel = "SHA1",
            description = "A certificate with its key in the OS store (Windows CurrentUser\\My, macOS keychain) by SHA-1 thumbprint.")
    String certificateThumbprint;

    @Option(names = "--certificate-subject", paramLabel = "NAME",
            description = "A certificate with its key in the OS store by subject (CN=name, the name, or the full DN).")
    String certificateSubject;

    @Option(names = "--certificate-store", paramLabel = "LOCATION",
            description = "Windows: CurrentUser (default) or LocalMachine, for --certificate-thumbprint/--certificate-subject.")
    String certificateStore;

    @Option(names = "--federated-token-file", paramLabel = "PATH",
            description = "FederatedToken: the file holding the federated token (default: $AZURE_FEDERATED_TOKEN_FILE when the token is requested).")
    String federatedTokenFile;

    @Option(names = "--default-flow", paramLabel = "FLOW",
            description = "Flow used without -f: ClientCredentials, AuthorizationCode, DeviceCode, InteractiveBrowser, ManagedIdentity.")
    String defaultFlow;

    @Option(names = "--no-default-flow", description = "Remove the default flow (the flow is then inferred).")
    boolean noDefaultFlow;

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "Default scope; repeat, or separate with spaces or commas.")
    List<String> scopes;

    @Option(names = "--environment", paramLabel = "LABEL", description = "Environment label, such as dev, staging or prod.")
    String environment;

    @Option(names = "--cloud", paramLabel = "CLOUD",
            description = "AzurePublic (default), AzureUSGovernment, AzureChina, or Custom (with --authority-host).")
    String cloud;

    @Option(names = "--authority-host", paramLabel = "URL",
            description = "An https authority host instead of the cloud's (implies --cloud Custom).")
    String authorityHost;

    @Option(names = "--port-range", paramLabel = "A-B", description = "Loopback redirect ports for browser sign-in.")
    String portRange;

    @Option(names = "--redirect-uri", paramLabel = "URL",
            description = "AuthorizationCode flow: the web app's registered redirect URI (https, or http://localhost:PORT/path).")
    String redirectUri;

    @Option(names = "--app-name", paramLabel = "NAME", description = "The application's display name, for your reference.")
    String appName;

    /** {@return whether any field flag was given} */
    boolean any() {
        return tenantId != null || clientId != null || authMethod != null || certificate != null || defaultFlow != null
                || noDefaultFlow || scopes != null || environment != null || cloud != null || authorityHost != null
                || portRange != null || appName != null || redirectUri != null || identityId != null
                || federatedTokenFile != null || certificateThumbprint != null || certificateSubject != null;
    }

    /** Applies the given flags to a builder; values are validated when the profile is built. */
    void applyTo(Profile.Builder builder, FlowRegistry flows) throws EntraAuthException {
        if (tenantId != null) {
            builder.tenantId(tenantId);
        }
        if (clientId != null) {
            builder.clientId(clientId);
        }
        if (identityId != null) {
            builder.managedIdentityId(identityId);
        }
        if (authMethod != null) {
            builder.authMethod(parseAuthMethod(authMethod));
            if (parseAuthMethod(authMethod) != AuthMethod.Certificate) {
                builder.certificate(null);
            }
            if (parseAuthMethod(authMethod) != AuthMethod.FederatedToken) {
                builder.federatedTokenFile(null);
            }
            if (parseAuthMethod(authMethod) != AuthMethod.ManagedIdentity) {
                builder.managedIdentityId(null);
            }
        }
        if (certificate != null) {
            builder.certificate(certificateSource(certificate));
        }
        if ((certificate != null ? 1 : 0) + (certificateThumbprint != null ? 1 : 0) + (certificateSubject != null ? 1 : 0) > 1) {
            throw new EntraAuthException(ExitCode.USAGE, "give one of --certificate, --certificate-thumbprint and --certificate-subject");
        }
        if (certificateStore != null && certificateThumbprint == null && certificateSubject == null) {
            throw new EntraAuthException(ExitCode.USAGE, "--certificate-store goes with --certificate-thumbprint or --certificate-subject");
        }
        if (certificateThumbprint != null || certificateSubject != null) {
            String store = storePrefix(certificateStore);
            builder.certificate(certificateThumbprint != null
                    ? new CertificateSource(CertificateSource.Kind.THUMBPRINT, store + certificateThumbprint.replaceAll("[\\s:]", "").toUpperCase(java.util.Locale.ROOT))
                    : new CertificateSource(CertificateSource.Kind.SUBJECT, store + certificateSubject.strip()));
            if (authMethod == null) {
                builder.authMethod(AuthMethod.Certificate);
            }
        }
        if (federatedTokenFile != null) {
            builder.federatedTokenFile(federatedTokenFile.isBlank() ? null : Path.of(federatedTokenFile).toAbsolutePath().toString());
            if (authMethod == null) {
                builder.authMethod(AuthMethod.FederatedToken);
            }
        }
        if (defaultFlow != null && noDefaultFlow) {
            throw new EntraAuthException(ExitCode.USAGE, "give --default-flow or --no-default-flow, not both");
        }
        if (defaultFlow != null) {
            builder.defaultFlow(canonicalFlow(flows, defaultFlow));
        }
        if (noDefaultFlow) {
            builder.defaultFlow(null);
        }
        if (scopes != null) {
            builder.scopes(splitScopes(scopes));
        }
        if (environment != null) {
            builder.environment(environment);
        }
        if (cloud != null) {
            builder.cloud(parseCloud(cloud));
        }
        if (authorityHost != null) {
            builder.authorityHost(parseUri(authorityHost));
            if (cloud == null) {
                builder.cloud(Cloud.Custom);
            }
        }
        if (redirectUri != null) {
            builder.redirectUri(redirectUri.isBlank() ? null : parseRedirectUri(redirectUri));
        }
        if (portRange != null) {
            try {
                builder.redirectPorts(PortRange.parse(portRange));
            } catch (IllegalArgumentException e) {
                throw new EntraAuthException(ExitCode.USAGE, "--port-range: " + e.getMessage());
            }
        }
        if (appName != null) {
            builder.appName(appName.isBlank() ? null : appName.strip());
        }
    }

    private static String storePrefix(String location) throws EntraAuthException {
        if (location == null || location.equalsIgnoreCase("CurrentUser")) {
            return "";
        }
        if (location.equalsIgnoreCase("LocalMachine")) {
            return "LocalMachine\\My\\";
        }
        throw new EntraAuthException(ExitCode.USAGE, "--certificate-store: '" + location + "' is not CurrentUser or LocalMachine");
    }

    static AuthMethod parseAuthMethod(String text) throws EntraAuthException {
        return AuthMethod.parse(text).orElseThrow(() -> new EntraAuthException(ExitCode.USAGE, "authMethod: '" + text
                + "' is not one of " + Arrays.toString(AuthMethod.values())));
    }

    static Cloud parseCloud(String text) throws EntraAuthException {
        return Cloud.parse(text).orElseThrow(() -> new EntraAuthException(ExitCode.USAGE, "cloud: '" + text
                + "' is not one of " + Arrays.toString(Cloud.values())));
    }

    static String canonicalFlow(FlowRegistry flows, String typed) throws EntraAuthException {
        return flows.canonicalName(typed).orElseThrow(() -> new EntraAuthException(ExitCode.USAGE, "defaultFlow: '" + typed
                + "' is not a known flow (ClientCredentials, AuthorizationCode, DeviceCode, InteractiveBrowser, ManagedIdentity)"));
    }

    static URI parseRedirectUri(String text) throws EntraAuthException {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new EntraAuthException(ExitCode.USAGE, "redirectUri: '" + text + "' is not a URL");
        }
    }

    static URI parseUri(String text) throws EntraAuthException {
        try {
            return new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new EntraAuthException(ExitCode.USAGE, "authorityHost: '" + text + "' is not a URL");
        }
    }

    /**
     * Checks that a certificate file exists and can be read; its content is checked when it is used.
     *
     * @param path the path as typed
     * @return the reference, with an absolute path
     */
    static CertificateSource certificateSource(Path path) throws EntraAuthException {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new EntraAuthException(ExitCode.USAGE, "certificate: no file " + absolute);
        }
        if (!Files.isReadable(absolute)) {
            throw new EntraAuthException(ExitCode.IO, "certificate: " + absolute + " cannot be read (check its permissions)");
        }
        return CertificateSource.ofFile(absolute.toString());
    }

    static List<String> splitScopes(List<String> values) {
        List<String> result = new ArrayList<>();
        for (String value : values) {
            for (String part : value.split("[\\s,]+")) {
                if (!part.isEmpty() && !result.contains(part)) {
                    result.add(part);
                }
            }
        }
        return result;
    }
}
