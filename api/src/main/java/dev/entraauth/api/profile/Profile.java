package dev.entraauth.api.profile;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named set of settings to acquire tokens with. It never holds a secret: client secrets and
 * certificate passwords live in the secret store, keyed by {@link dev.entraauth.api.store.SecretKey}.
 *
 * <p>The constructor validates and normalizes every field and names the field in its
 * {@link IllegalArgumentException}, so bad values are caught before any network call.
 *
 * @param name             the profile name (see {@link Identifiers#profileName})
 * @param tenantId         a tenant GUID, a verified domain, or common/organizations/consumers; optional ({@code null})
 *                         for {@link AuthMethod#ManagedIdentity}, whose tenant is the Azure resource's
 * @param clientId         the application (client) ID, a GUID; for {@link AuthMethod#ManagedIdentity} the client ID
 *                         of a user-assigned identity, or {@code null} for the system-assigned one
 * @param authMethod       how the application proves its identity
 * @param certificate      the certificate reference for {@link AuthMethod#Certificate}, else {@code null}
 * @param defaultFlow      the canonical name of the flow used without {@code -f}, or {@code null} to infer it
 * @param scopes           the scopes requested without {@code --scope}; may be empty
 * @param cloud            the cloud; {@link Cloud#Custom} requires {@code authorityHost}
 * @param authorityHost    an https authority host overriding the cloud's, or {@code null}; a host that is not one of
 *                         Microsoft's ({@link Cloud#isMicrosoftAuthorityHost}) needs {@link Cloud#Custom}
 * @param redirectPorts    the loopback redirect ports for browser sign-in, or {@code null} for the default
 * @param environment      a free label such as dev, staging or prod, or {@code null}
 * @param appName          the application's display name, or {@code null}
 * @param credentialExpiry when the client secret or certificate expires, when known, else {@code null}
 * @param redirectUri      the redirect URI registered for a web app (AuthorizationCode flow): https, or http on a
 *                         loopback host; {@code null} for the default {@code http://localhost:<port>}
 * @param managedIdentityId for {@link AuthMethod#ManagedIdentity} only: a user-assigned identity named by its object
 *                         (principal) ID, a GUID, or by its Azure resource ID ({@code /subscriptions/…}); {@code null}
 *                         otherwise. Its client ID goes in {@code clientId} instead; at most one of the two is set.
 * @param federatedTokenFile for {@link AuthMethod#FederatedToken} only: the file holding the federated token, or
 *                         {@code null} for the one {@code AZURE_FEDERATED_TOKEN_FILE} names when the token is requested
 */
public record Profile(
        String name,
        String tenantId,
        String clientId,
        AuthMethod authMethod,
        CertificateSource certificate,
        String defaultFlow,
        List<String> scopes,
        Cloud cloud,
        URI authorityHost,
        PortRange redirectPorts,
        String environment,
        String appName,
        Instant credentialExpiry,
        URI redirectUri,
        String managedIdentityId,
        String federatedTokenFile) {

    private static final Pattern FLOW_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N} ._-]{1,64}");

    /** Validates and normalizes every field. */
    public Profile {
        name = Identifiers.profileName(name);
        if (authMethod == null) {
            throw new IllegalArgumentException("authMethod: missing (one of ClientSecret, Certificate, PublicClient, ManagedIdentity,"
                    + " FederatedToken)");
        }
        boolean managed = authMethod == AuthMethod.ManagedIdentity;
        tenantId = managed && (tenantId == null || tenantId.isBlank()) ? null : Identifiers.tenant(tenantId);
        clientId = managed && (clientId == null || clientId.isBlank()) ? null : Identifiers.guid("clientId", clientId);
        if (federatedTokenFile != null && authMethod != AuthMethod.FederatedToken) {
            throw new IllegalArgumentException("federatedTokenFile: only allowed when authMethod is FederatedToken (it is " + authMethod + ")");
        }
        if (federatedTokenFile != null && federatedTokenFile.isBlank()) {
            federatedTokenFile = null;
        }
        if (managedIdentityId != null && !managed) {
            throw new IllegalArgumentException("managedIdentityId: only allowed when authMethod is ManagedIdentity (it is " + authMethod + ")");
        }
        if (managedIdentityId != null) {
            managedIdentityId = checkManagedIdentityId(managedIdentityId);
            if (clientId != null) {
                throw new IllegalArgumentException("managedIdentityId: a user-assigned identity is named once: by its client ID"
                        + " (clientId) or by its object or resource ID, not both");
            }
        }
        if (authMethod == AuthMethod.Certificate && certificate == null) {
            throw new IllegalArgumentException("certificate: required when authMethod is Certificate");
        }
        if (authMethod != AuthMethod.Certificate && certificate != null) {
            throw new IllegalArgumentException("certificate: only allowed when authMethod is Certificate (it is " + authMethod + ")");
        }
        if (defaultFlow != null && !FLOW_NAME.matcher(defaultFlow).matches()) {
            throw new IllegalArgumentException("defaultFlow: '" + defaultFlow + "' is not a flow name");
        }
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        for (String scope : scopes) {
            if (scope == null || scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("scopes: '" + scope + "' is not a scope (no spaces inside one scope)");
            }
        }
        cloud = cloud == null ? Cloud.AzurePublic : cloud;
        if (authorityHost != null) {
            authorityHost = checkAuthorityHost(authorityHost);
            if (cloud != Cloud.Custom && !Cloud.isMicrosoftAuthorityHost(authorityHost)) {
                throw new IllegalArgumentException("authorityHost: '" + authorityHost + "' is not a Microsoft authority host;"
                        + " a profile uses another host only with cloud Custom (--cloud Custom)");
            }
        } else if (cloud == Cloud.Custom) {
            throw new IllegalArgumentException("authorityHost: required when cloud is Custom");
        }
        if (environment != null && !LABEL.matcher(environment).matches()) {
            throw new IllegalArgumentException("environment: '" + environment + "' is not a label (1-64 letters, digits, ' ', '.', '_' or '-')");
        }
        if (appName != null && appName.length() > 256) {
            throw new IllegalArgumentException("appName: longer than 256 characters");
        }
        if (redirectUri != null) {
            redirectUri = checkRedirectUri(redirectUri);
        }
        boolean clientCredentialsByDefault = "ClientCredentials".equals(defaultFlow)
                || (defaultFlow == null && authMethod.isConfidential());
        if (clientCredentialsByDefault && tenantId != null && Identifiers.isMultiTenant(tenantId)) {
            throw new IllegalArgumentException("tenantId: '" + tenantId
                    + "' names no single tenant; the client credentials flow needs a tenant GUID or domain");
        }
    }

    private static final Pattern RESOURCE_ID = Pattern.compile(
            "/subscriptions/[^/\\s]+/resource[gG]roups/[^/\\s]+/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities/[^/\\s]+");

    private static String checkManagedIdentityId(String id) {
        String v = id.strip();
        if (RESOURCE_ID.matcher(v).matches()) {
            return v;
        }
        try {
            return Identifiers.guid("managedIdentityId", v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("managedIdentityId: '" + id + "' is neither an object ID (a GUID) nor a resource ID"
                    + " (/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>)");
        }
    }

    /** {@return whether {@link #managedIdentityId} is an Azure resource ID (else an object ID)} */
    public boolean managedIdentityIsResourceId() {
        return managedIdentityId != null && managedIdentityId.startsWith("/");
    }

    private static URI checkAuthorityHost(URI host) {
        if (!"https".equalsIgnoreCase(host.getScheme()) || host.getHost() == null) {
            throw new IllegalArgumentException("authorityHost: '" + host + "' must be an https URL such as https://login.example.com");
        }
        if (host.getRawQuery() != null || host.getRawFragment() != null || host.getRawUserInfo() != null) {
            throw new IllegalArgumentException("authorityHost: '" + host + "' must not carry user info, a query or a fragment");
        }
        String text = host.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /**
     * Entra's rules for redirect URIs: https anywhere; plain http only on a loopback host, where the CLI itself
     * receives the code; never a fragment.
     */
    private static URI checkRedirectUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("redirectUri: '" + uri + "' must be an absolute https URL, or http://localhost[:port][/path]");
        }
        if (scheme.equals("http") && !isLoopbackHost(uri.getHost())) {
            throw new IllegalArgumentException("redirectUri: '" + uri + "' uses http on a host that is not loopback; Entra allows"
                    + " http only for localhost and 127.0.0.1");
        }
        if (uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("redirectUri: '" + uri + "' must not carry user info or a fragment");
        }
        return uri;
    }

    /**
     * @param host a host name or address
     * @return whether it names this machine's loopback interface the way Entra accepts it ({@code [::1]} is not)
     */
    public static boolean isLoopbackHost(String host) {
        return host != null && (host.equalsIgnoreCase("localhost") || host.equals("127.0.0.1"));
    }

    /** {@return the redirect URI a web app registered, when set} */
    public Optional<URI> webRedirectUri() {
        return Optional.ofNullable(redirectUri);
    }

    /** {@return the certificate reference, when the profile authenticates with a certificate} */
    public Optional<CertificateSource> certificateSource() {
        return Optional.ofNullable(certificate);
    }

    /** {@return the default flow's canonical name, when one is set} */
    public Optional<String> defaultFlowName() {
        return Optional.ofNullable(defaultFlow);
    }

    /** {@return the authority host: the explicit one, else the cloud's} */
    public URI effectiveAuthorityHost() {
        return authorityHost != null ? authorityHost : cloud.authorityHost().orElseThrow();
    }

    /** {@return the environment label, when set} */
    public Optional<String> environmentLabel() {
        return Optional.ofNullable(environment);
    }

    /** {@return a builder holding this profile's values, to derive a changed copy} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * @param name the profile name
     * @return an empty builder for a profile with that name
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a {@link Profile} step by step; {@link #build()} validates. */
    public static final class Builder {
        private String name;
        private String tenantId;
        private String clientId;
        private AuthMethod authMethod;
        private CertificateSource certificate;
        private String defaultFlow;
        private List<String> scopes = List.of();
        private Cloud cloud = Cloud.AzurePublic;
        private URI authorityHost;
        private PortRange redirectPorts;
        private String environment;
        private String appName;
        private Instant credentialExpiry;
        private URI redirectUri;
        private String managedIdentityId;
        private String federatedTokenFile;

        private Builder(String name) {
            this.name = name;
        }

        private Builder(Profile p) {
            name = p.name;
            tenantId = p.tenantId;
            clientId = p.clientId;
            authMethod = p.authMethod;
            certificate = p.certificate;
            defaultFlow = p.defaultFlow;
            scopes = p.scopes;
            cloud = p.cloud;
            authorityHost = p.authorityHost;
            redirectPorts = p.redirectPorts;
            environment = p.environment;
            appName = p.appName;
            credentialExpiry = p.credentialExpiry;
            redirectUri = p.redirectUri;
            managedIdentityId = p.managedIdentityId;
            federatedTokenFile = p.federatedTokenFile;
        }

        /** @param v the name @return this builder */
        public Builder name(String v) { name = v; return this; }

        /** @param v the tenant @return this builder */
        public Builder tenantId(String v) { tenantId = v; return this; }

        /** @param v the client ID @return this builder */
        public Builder clientId(String v) { clientId = v; return this; }

        /** @param v the auth method @return this builder */
        public Builder authMethod(AuthMethod v) { authMethod = v; return this; }

        /** @param v the certificate reference, or null @return this builder */
        public Builder certificate(CertificateSource v) { certificate = v; return this; }

        /** @param v the default flow's canonical name, or null @return this builder */
        public Builder defaultFlow(String v) { defaultFlow = v; return this; }

        /** @param v the default scopes @return this builder */
        public Builder scopes(List<String> v) { scopes = Objects.requireNonNullElse(v, List.of()); return this; }

        /** @param v the cloud @return this builder */
        public Builder cloud(Cloud v) { cloud = v; return this; }

        /** @param v the authority host, or null @return this builder */
        public Builder authorityHost(URI v) { authorityHost = v; return this; }

        /** @param v the redirect port range, or null @return this builder */
        public Builder redirectPorts(PortRange v) { redirectPorts = v; return this; }

        /** @param v the environment label, or null @return this builder */
        public Builder environment(String v) { environment = v == null || v.isBlank() ? null : v.strip(); return this; }

        /** @param v the application's display name, or null @return this builder */
        public Builder appName(String v) { appName = v; return this; }

        /** @param v the credential's expiry, or null @return this builder */
        public Builder credentialExpiry(Instant v) { credentialExpiry = v; return this; }

        /** @param v the web app's redirect URI, or null @return this builder */
        public Builder redirectUri(URI v) { redirectUri = v; return this; }

        /** @param v a user-assigned identity's object ID or resource ID, or null @return this builder */
        public Builder managedIdentityId(String v) { managedIdentityId = v == null || v.isBlank() ? null : v; return this; }

        /** @param v the federated token file, or null for AZURE_FEDERATED_TOKEN_FILE @return this builder */
        public Builder federatedTokenFile(String v) { federatedTokenFile = v; return this; }

        /** {@return the validated profile} @throws IllegalArgumentException naming the first invalid field */
        public Profile build() {
            return new Profile(name, tenantId, clientId, authMethod, certificate, defaultFlow, scopes, cloud,
                    authorityHost, redirectPorts, environment, appName, credentialExpiry, redirectUri, managedIdentityId,
                    federatedTokenFile);
        }
    }

    @Override
    public String toString() {
        return "Profile[" + name + ", tenant=" + tenantId + ", client=" + clientId + ", "
                + authMethod.name().toLowerCase(Locale.ROOT) + "]";
    }
}
