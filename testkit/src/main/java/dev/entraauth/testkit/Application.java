package dev.entraauth.testkit;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An application registration with its service principal: credentials, redirect URIs, what it exposes
 * (delegated scopes, app roles) and what it was granted (application permissions, admin consent).
 */
public final class Application {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String clientId;
    private final String objectId;
    private final String servicePrincipalId = UUID.randomUUID().toString();
    private final String displayName;
    private final String publisherDomain;
    private final Instant createdAt = Instant.now();
    private volatile boolean publicClient;
    private final List<ClientSecret> secrets = new CopyOnWriteArrayList<>();
    private final List<FederatedCredential> federatedCredentials = new CopyOnWriteArrayList<>();
    private final List<X509Certificate> certificates = new CopyOnWriteArrayList<>();
    private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
    private final Set<String> exposedScopes = ConcurrentHashMap.newKeySet();
    private final Set<String> appRoles = ConcurrentHashMap.newKeySet();
    private final Set<String> owners = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> applicationPermissions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> adminConsent = new ConcurrentHashMap<>();

    Application(String clientId, String objectId, String displayName, String publisherDomain) {
        this.clientId = clientId;
        this.objectId = objectId;
        this.displayName = displayName;
        this.publisherDomain = publisherDomain;
    }

    /** {@return the application (client) id} */
    public String clientId() {
        return clientId;
    }

    /** {@return the application object id (Graph's {@code id})} */
    public String objectId() {
        return objectId;
    }

    /** {@return the service principal's object id, the {@code oid} of app-only tokens} */
    public String servicePrincipalId() {
        return servicePrincipalId;
    }

    /** {@return the display name} */
    public String displayName() {
        return displayName;
    }

    /** {@return the publisher domain} */
    public String publisherDomain() {
        return publisherDomain;
    }

    /** {@return when it was registered} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return the application ID URI: {@code api://<clientId>}} */
    public String identifierUri() {
        return "api://" + clientId;
    }

    /**
     * Allows public client flows (device code, and sign-in without a client credential).
     *
     * @param value whether it is a public client
     * @return this application
     */
    public Application publicClient(boolean value) {
        this.publicClient = value;
        return this;
    }

    /** {@return whether public client flows are allowed} */
    public boolean isPublicClient() {
        return publicClient;
    }

    /**
     * Adds a client secret with a generated value, valid from now for the given time.
     *
     * @param displayName the secret's name
     * @param validity    how long it is valid (negative for an already expired secret)
     * @return the new secret, with its value
     */
    public ClientSecret addSecret(String displayName, Duration validity) {
        byte[] bytes = new byte[30];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('-', '~').substring(0, 40);
        return addSecret(displayName, value, Instant.now().plus(validity));
    }

    /**
     * Adds a client secret with a given value.
     *
     * @param displayName the secret's name
     * @param value       the secret text
     * @param expiresAt   when it expires
     * @return the new secret
     */
    public ClientSecret addSecret(String displayName, String value, Instant expiresAt) {
        ClientSecret secret = new ClientSecret(UUID.randomUUID().toString(), displayName, value,
                Instant.now().minusSeconds(60), expiresAt);
        secrets.add(secret);
        return secret;
    }

    /** {@return the client secrets} */
    public List<ClientSecret> secrets() {
        return List.copyOf(secrets);
    }

    /**
     * Registers a certificate whose key may sign client assertions.
     *
     * @param certificate the certificate
     * @return this application
     */
    public Application addCertificate(X509Certificate certificate) {
        certificates.add(certificate);
        return this;
    }

    /**
     * A federated identity credential: the app trusts tokens of {@code issuer} for {@code subject} with
     * {@code audience} as client assertions (workload-identity-federation).
     *
     * @param issuer   the external issuer URL ({@code iss})
     * @param subject  the exact {@code sub}
     * @param audience the expected {@code aud}, normally {@code api://AzureADTokenExchange}
     * @return this application
     */
    public Application addFederatedCredential(String issuer, String subject, String audience) {
        federatedCredentials.add(new FederatedCredential(issuer, subject, audience));
        return this;
    }

    /** One federated identity credential of an app. */
    record FederatedCredential(String issuer, String subject, String audience) {
    }

    List<FederatedCredential> federatedCredentials() {
        return List.copyOf(federatedCredentials);
    }

    /** {@return the registered certificates} */
    public List<X509Certificate> certificates() {
        return List.copyOf(certificates);
    }

    /**
     * @param uri a redirect URI; for {@code http://localhost} and {@code http://127.0.0.1} the port is ignored
     *            when matching, as Entra does
     * @return this application
     */
    public Application addRedirectUri(String uri) {
        redirectUris.add(uri);
        return this;
    }

    /** {@return the redirect URIs} */
    public Set<String> redirectUris() {
        return Set.copyOf(redirectUris);
    }

    /**
     * @param scope a delegated permission this application exposes as an API, such as {@code access_as_user}
     * @return this application
     */
    public Application exposeScope(String scope) {
        exposedScopes.add(scope);
        return this;
    }

    /** {@return the delegated scopes it exposes} */
    public Set<String> exposedScopes() {
        return Set.copyOf(exposedScopes);
    }

    /**
     * @param role an application permission (app role) this application exposes as an API
     * @return this application
     */
    public Application exposeAppRole(String role) {
        appRoles.add(role);
        return this;
    }

    /** {@return the app roles it exposes} */
    public Set<String> appRoles() {
        return Set.copyOf(appRoles);
    }

    /**
     * Grants an application permission (with admin consent): it appears in the {@code roles} of app-only tokens.
     *
     * @param resource the resource, such as {@code https://graph.microsoft.com}
     * @param role     the role, such as {@code Application.Read.All}
     * @return this application
     */
    public Application grantApplicationPermission(String resource, String role) {
        applicationPermissions.computeIfAbsent(resource, r -> ConcurrentHashMap.newKeySet()).add(role);
        return this;
    }

    Set<String> applicationPermissions(String resource) {
        return Set.copyOf(applicationPermissions.getOrDefault(resource, Set.of()));
    }

    /**
     * Grants admin consent for delegated scopes: users are not asked, and token requests for them succeed.
     *
     * @param resource the resource
     * @param scopes   the scopes
     * @return this application
     */
    public Application grantAdminConsent(String resource, String... scopes) {
        adminConsent.computeIfAbsent(resource, r -> ConcurrentHashMap.newKeySet()).addAll(List.of(scopes));
        return this;
    }

    Set<String> adminConsent(String resource) {
        return Set.copyOf(adminConsent.getOrDefault(resource, Set.of()));
    }

    /**
     * @param ownerObjectId a user, or another app's service principal, who owns this application
     *                      (Application.ReadWrite.OwnedBy applies to owners)
     * @return this application
     */
    public Application addOwner(String ownerObjectId) {
        owners.add(ownerObjectId);
        return this;
    }

    /** {@return the owners' object ids} */
    public Set<String> owners() {
        return Set.copyOf(owners);
    }

    /**
     * Finds a registered certificate by an assertion's {@code x5t} or {@code x5t#S256} header. Entra accepts the
     * thumbprint in base64url (RFC 7515) and in standard base64 with padding, which msal4j sends.
     */
    Optional<X509Certificate> certificateByThumbprint(String x5t, String x5tS256) {
        String sha1 = base64Url(x5t);
        String sha256 = base64Url(x5tS256);
        return certificates.stream()
                .filter(c -> (sha256 != null && sha256.equals(Pki.thumbprint(c, "SHA-256")))
                        || (sha1 != null && sha1.equals(Pki.thumbprint(c, "SHA-1"))))
                .findFirst();
    }

    /** base64 or base64url, padded or not, as unpadded base64url. */
    private static String base64Url(String thumbprint) {
        return thumbprint == null ? null : thumbprint.replace('+', '-').replace('/', '_').replace("=", "");
    }
}
