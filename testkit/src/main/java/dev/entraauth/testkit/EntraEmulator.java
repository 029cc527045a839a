package dev.entraauth.testkit;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * An Entra ID emulator on 127.0.0.1: HTTPS with a CA it generates at start, one seeded tenant with a
 * confidential app (secret and certificate), a public client app, the Microsoft Graph command-line client,
 * a user, and managed identities; and the control API tests and scripts use to drive it.
 *
 * <pre>{@code
 * try (EntraEmulator entra = EntraEmulator.start()) {
 *     String authority = entra.authority();            // https://127.0.0.1:PORT/<tenant id>
 *     Seed seed = entra.seed();                        // apps, secret, certificate, user
 *     entra.approveDeviceCodes();                      // the user approves every pending device code
 *     entra.addFault(Fault.status(429, 2, 1));         // the next request gets 429 with Retry-After: 2
 * }
 * }</pre>
 */
public final class EntraEmulator implements AutoCloseable {
    /** The Microsoft Graph command-line tools' public client id (Graph PowerShell). */
    public static final String GRAPH_CLI_CLIENT_ID = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
    /**
     * A host name the server certificate carries besides the emulator's address, 127.0.0.1 and localhost, and
     * that no resolver knows ({@code .test} is reserved, RFC 6761): a client reaches {@link #baseUrl(String)
     * baseUrl(UNRESOLVABLE_HOST)} only through a proxy that routes the name here, such as {@link ConnectProxy}.
     */
    public static final String UNRESOLVABLE_HOST = "login.entra-emulator.test";
    private volatile String arcChallengeFile = "/var/opt/azcmagent/tokens/emulator.key";
    private final Map<String, FederatedIssuer> federatedIssuers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> acceptedFederatedTokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");

    /**
     * What the emulator is seeded with.
     *
     * @param tenant             the tenant
     * @param confidentialApp    a confidential client with a secret and a certificate, app permission
     *                           Application.Read.All on Graph, exposing {@code access_as_user} and the role {@code Data.Read}
     * @param clientSecret       its secret
     * @param certificate        its certificate
     * @param privateKey         the certificate's key
     * @param publicApp          a public client (device code, browser sign-in) with redirect URI {@code http://localhost}
     * @param graphCli           the Microsoft Graph command-line tools' public client
     * @param user               a user who owns the confidential app and may manage applications in Graph
     * @param systemIdentity     the system-assigned managed identity
     * @param userIdentity       a user-assigned managed identity
     */
    public record Seed(Tenant tenant, Application confidentialApp, ClientSecret clientSecret, X509Certificate certificate,
                       PrivateKey privateKey, Application publicApp, Application graphCli, User user,
                       Application systemIdentity, Application userIdentity) {
        /** The seeded user's password. */
        public static final String USER_PASSWORD = "Emulator-Passw0rd!";
    }

    private final Pki pki = new Pki();
    private final Grants grants = new Grants();
    private final List<Tenant> tenants = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Router.Faults faults = new Router.Faults();
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "entra-emulator");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpsServer server;
    private final HttpServer imds;
    private final String baseUrl;
    private final Tokens tokens;
    private final Seed seed;
    private final String identityHeader = UUID.randomUUID().toString();
    private volatile boolean autoApprove;
    private final Router router;
    private final Router imdsRouter;
    private final List<HttpServer> extraIdentityServers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EntraEmulator(int port, int imdsPort) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        server = bind(port);
        InetAddress address = server.getAddress().getAddress();
        server.setHttpsConfigurator(new HttpsConfigurator(pki.serverContext(address)));
        imds = HttpServer.create(new InetSocketAddress(loopback, imdsPort), 50);
        int bound = server.getAddress().getPort();
        baseUrl = "https://" + address.getHostAddress() + (bound == 443 ? "" : ":" + bound);
        tokens = new Tokens(baseUrl);
        seed = createSeed();

        TokenEndpoint token = new TokenEndpoint(this);
        AuthorizeEndpoint authorize = new AuthorizeEndpoint(this);
        DeviceCodeEndpoint device = new DeviceCodeEndpoint(this);
        MetadataEndpoints metadata = new MetadataEndpoints(this);
        GraphEndpoints graph = new GraphEndpoints(this);
        ControlEndpoints control = new ControlEndpoints(this);
        String tenant = "/(?<tenant>[A-Za-z0-9.-]+)";
        router = new Router(requests, faults)
                .on("POST", tenant + "/oauth2/v2\\.0/token", token::handle)
                .on("GET", tenant + "/oauth2/v2\\.0/authorize", authorize::get)
                .on("POST", tenant + "/oauth2/v2\\.0/authorize", authorize::post)
                .on("POST", tenant + "/oauth2/v2\\.0/devicecode", device::handle)
                .on("GET", "/devicelogin", device::page)
                .on("GET", tenant + "/v2\\.0/\\.well-known/openid-configuration", metadata::openIdConfiguration)
                .on("GET", tenant + "/\\.well-known/openid-configuration", metadata::openIdConfigurationV1)
                .on("GET", tenant + "/discovery/v2\\.0/keys", metadata::keys)
                .on("GET", tenant + "/discovery/keys", metadata::keys)
                .on("GET", "/common/discovery/instance", metadata::instanceDiscovery);
        graph.register(router);
        control.register(router);
        ManagedIdentityEndpoints identity = new ManagedIdentityEndpoints(this);
        identity.registerServiceFabric(router);
        server.createContext("/", router);
        server.setExecutor(executor);

        imdsRouter = new Router(requests, faults);
        identity.register(imdsRouter);
        imds.createContext("/", imdsRouter);
        imds.setExecutor(executor);
        server.start();
        imds.start();
    }

    /**
     * Binds the HTTPS port. Without an explicit port it prefers port 443 on an address of its own in 127.0.0.0/8,
     * so the authority has no port, as Entra's never has: msal4j's token cache does not match authorities with a
     * port. Where port 443 cannot be bound (not root), it falls back to 127.0.0.1 and a free port.
     */
    private static HttpsServer bind(int port) throws IOException {
        if (port != 0) {
            return HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
        }
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 5; attempt++) {
            byte[] ip = {127, (byte) random.nextInt(1, 255), (byte) random.nextInt(1, 255), (byte) random.nextInt(2, 255)};
            try {
                return HttpsServer.create(new InetSocketAddress(InetAddress.getByAddress(ip), 443), 50);
            } catch (java.net.BindException e) {
                if (e.getMessage() != null && e.getMessage().contains("ermission")) {
                    break;
                }
            }
        }
        return HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
    }

    /**
     * Starts an emulator on free ports.
     *
     * @return the running emulator; close it to stop
     */
    public static EntraEmulator start() {
        return start(0, 0);
    }

    /**
     * @param port     the HTTPS port, or 0 for a free one
     * @param imdsPort the managed identity (plain HTTP, as IMDS is) port, or 0 for a free one
     * @return the running emulator
     */
    public static EntraEmulator start(int port, int imdsPort) {
        try {
            return new EntraEmulator(port, imdsPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the emulator on port " + port, e);
        }
    }

    private Seed createSeed() {
        Tenant tenant = addTenant("contoso.onmicrosoft.com");
        User user = tenant.addUser("ada@contoso.onmicrosoft.com", Seed.USER_PASSWORD, "Ada Lovelace");
        Application app = tenant.addApplication("entra-auth-cli emulator app")
                .addRedirectUri("http://localhost")
                .addRedirectUri("https://app.example.com/auth/callback")
                .exposeScope("access_as_user")
                .exposeAppRole("Data.Read")
                .grantApplicationPermission(Scopes.GRAPH.identifier(), "Application.Read.All")
                .addOwner(user.objectId());
        app.grantApplicationPermission(app.identifierUri(), "Data.Read");
        ClientSecret secret = app.addSecret("EAC-EXP-seed", Duration.ofDays(180));
        Pki.ClientCertificate certificate = pki.clientCertificate("entra-auth-cli emulator app", Duration.ofDays(365));
        app.addCertificate(certificate.certificate());
        Application publicApp = tenant.addApplication("entra-auth-cli emulator public client").publicClient(true)
                .addRedirectUri("http://localhost");
        Application graphCli = tenant.addApplication(GRAPH_CLI_CLIENT_ID, "Microsoft Graph Command Line Tools")
                .publicClient(true).addRedirectUri("http://localhost");
        Application system = tenant.addApplication("system-assigned managed identity")
                .grantApplicationPermission(Scopes.GRAPH.identifier(), "Application.Read.All");
        Application userAssigned = tenant.addApplication("user-assigned managed identity");
        return new Seed(tenant, app, secret, certificate.certificate(), certificate.privateKey(), publicApp, graphCli, user,
                system, userAssigned);
    }

    // ---- where it is -----------------------------------------------------------------------------------

    /** {@return the HTTPS base URL: {@code https://127.x.y.z} (port 443), or {@code https://127.0.0.1:PORT}} */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * @param host another name for this server, such as {@link #UNRESOLVABLE_HOST} (which the certificate carries)
     * @return the HTTPS base URL by that name: {@code https://host} (port 443), or {@code https://host:PORT}
     */
    public String baseUrl(String host) {
        int port = server.getAddress().getPort();
        return "https://" + host + (port == 443 ? "" : ":" + port);
    }

    /** {@return the address and port the HTTPS server listens on, where a proxy sends what it routes here} */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@return the seeded tenant's authority, {@code https://127.0.0.1:PORT/<tenant id>}} */
    public String authority() {
        return baseUrl + "/" + seed.tenant().id();
    }

    /** {@return the seeded tenant's token endpoint} */
    public String tokenEndpoint() {
        return authority() + "/oauth2/v2.0/token";
    }

    /** {@return Microsoft Graph's base URL here, {@code https://127.0.0.1:PORT/graph}} */
    public String graphBaseUrl() {
        return baseUrl + "/graph";
    }

    /** {@return the managed identity endpoint base, {@code http://127.0.0.1:PORT2} (IMDS is plain HTTP)} */
    public String imdsEndpoint() {
        return "http://127.0.0.1:" + imds.getAddress().getPort();
    }

    /** {@return the App Service identity endpoint ({@code IDENTITY_ENDPOINT})} */
    public String appServiceIdentityEndpoint() {
        return imdsEndpoint() + "/msi/token";
    }

    /**
     * Serves the managed identity endpoints (IMDS, App Service, Arc) on another address of this machine too, on a
     * free port, with the same state, faults and recorded requests: a test that an IMDS request bypasses the proxy
     * needs an address the proxy rules do not exempt anyway, as they exempt loopback.
     *
     * @param address a local address, such as a non-loopback address of one of this machine's interfaces
     * @return the IMDS endpoint there, {@code http://ADDRESS:PORT} (append paths as for {@link #imdsEndpoint()})
     */
    public String serveIdentityEndpointsOn(InetAddress address) {
        try {
            HttpServer extra = HttpServer.create(new InetSocketAddress(address, 0), 50);
            extra.createContext("/", imdsRouter);
            extra.setExecutor(executor);
            extra.start();
            extraIdentityServers.add(extra);
            String host = address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            return "http://" + host + ":" + extra.getAddress().getPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot serve the identity endpoints on " + address, e);
        }
    }

    /**
     * {@return Service Fabric's identity endpoint ({@code IDENTITY_ENDPOINT}), on the emulator's HTTPS port: pin
     * {@link #serverCertificate()} by its SHA-1 thumbprint ({@code IDENTITY_SERVER_THUMBPRINT}) and send
     * {@link #appServiceIdentityHeader()} as {@code IDENTITY_HEADER}}
     */
    public String serviceFabricIdentityEndpoint() {
        return baseUrl + "/servicefabric/metadata/identity/oauth2/token";
    }

    /** {@return Cloud Shell's identity endpoint ({@code MSI_ENDPOINT}): the resource in a form (POST) or the query (GET)} */
    public String cloudShellIdentityEndpoint() {
        return imdsEndpoint() + "/oauth2/token";
    }

    /** {@return the Azure Arc identity endpoint ({@code IDENTITY_ENDPOINT}; {@code IMDS_ENDPOINT} is {@link #imdsEndpoint()})} */
    public String arcIdentityEndpoint() {
        return imdsEndpoint() + "/arc/metadata/identity/oauth2/token";
    }

    /**
     * The file Azure Arc's endpoint names in its challenge ({@code WWW-Authenticate: Basic realm=<file>}); a request
     * whose {@code Authorization: Basic} is that file's content gets a token. The file need not exist: a client must
     * refuse a path outside the agent's directory without reading it.
     *
     * @param file the path the challenge names, as given
     */
    public void arcChallengeFile(String file) {
        arcChallengeFile = file;
    }

    String arcChallengeFile() {
        return arcChallengeFile;
    }

    /**
     * Registers an external OIDC issuer whose tokens apps may accept through federated identity credentials
     * ({@link Application#addFederatedCredential}).
     *
     * @param issuer the issuer URL, such as {@code https://token.actions.githubusercontent.com}
     * @return the issuer, which mints its tokens
     */
    public FederatedIssuer addFederatedIssuer(String issuer) {
        return federatedIssuers.computeIfAbsent(issuer, FederatedIssuer::new);
    }

    java.util.Optional<FederatedIssuer> federatedIssuer(String issuer) {
        return java.util.Optional.ofNullable(issuer == null ? null : federatedIssuers.get(issuer));
    }

    /**
     * {@return the {@code jti} of every federated token accepted as a client assertion, in order} (the request
     * log never holds an assertion; this shows which token a client sent)
     */
    public List<String> acceptedFederatedTokens() {
        return List.copyOf(acceptedFederatedTokens);
    }

    void acceptedFederatedToken(String jti) {
        acceptedFederatedTokens.add(jti);
    }

    /** {@return the App Service identity header value ({@code IDENTITY_HEADER})} */
    public String appServiceIdentityHeader() {
        return identityHeader;
    }

    /** {@return the CA certificate that signed the server certificate} */
    public X509Certificate caCertificate() {
        return pki.caCertificate();
    }

    /**
     * {@return the HTTPS server certificate (for its address, 127.0.0.1, localhost and {@link #UNRESOLVABLE_HOST},
     * signed by the CA)} A browser that cannot be
     * told to trust the CA can be told to accept this certificate by the SHA-256 of its public key (Chromium's
     * {@code --ignore-certificate-errors-spki-list}).
     */
    public X509Certificate serverCertificate() {
        return pki.serverCertificate();
    }

    /** {@return the CA certificate in PEM} */
    public String caCertificatePem() {
        return Pki.pem(pki.caCertificate());
    }

    /** {@return a TLS context that trusts this emulator's CA only, for test clients} */
    public SSLContext clientSslContext() {
        return pki.clientContext();
    }

    /** {@return an HTTP client that trusts this emulator's CA only} */
    public HttpClient httpClient() {
        return HttpClient.newBuilder().sslContext(pki.clientContext()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Does what a browser does with an authorization URL when {@link #autoApprove} is on: requests it and returns
     * the address the emulator sends the browser to (with the code or error in its query or fragment). For
     * {@code response_mode=form_post} there is no such address: use a real browser or ask for another mode.
     *
     * @param authorizeUrl the URL a flow printed or opened
     * @return the redirect target, as the browser's address bar would show it
     * @throws java.io.IOException when the emulator answers with something else than a redirect
     */
    public String followAuthorize(URI authorizeUrl) throws IOException {
        try {
            java.net.http.HttpResponse<String> response = httpClient().send(java.net.http.HttpRequest.newBuilder(authorizeUrl).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.headers().firstValue("Location").orElseThrow(() -> new IOException("no redirect but HTTP "
                    + response.statusCode() + ": " + response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** {@return what the emulator was seeded with} */
    public Seed seed() {
        return seed;
    }

    // ---- the directory ---------------------------------------------------------------------------------

    /**
     * @param domain the initial verified domain
     * @return a new tenant with a fresh id
     */
    public Tenant addTenant(String domain) {
        Tenant tenant = new Tenant(UUID.randomUUID().toString(), domain);
        tenants.add(tenant);
        return tenant;
    }

    /**
     * Makes a PEM and PKCS#12 pair for a new certificate, signed by the emulator's CA.
     *
     * @param subject  the common name
     * @param validity how long it is valid
     * @return the certificate and its key
     */
    public AppCertificate newCertificate(String subject, Duration validity) {
        Pki.ClientCertificate c = pki.clientCertificate(subject, validity);
        return new AppCertificate(c.certificate(), c.privateKey());
    }

    /**
     * A certificate with its private key, and its encodings.
     *
     * @param certificate the certificate
     * @param privateKey  its key
     */
    public record AppCertificate(X509Certificate certificate, PrivateKey privateKey) {
        /** {@return the certificate in PEM} */
        public String certificatePem() {
            return Pki.pem(certificate);
        }

        /** {@return the key in unencrypted PKCS#8 PEM} */
        public String privateKeyPem() {
            return Pki.pem(privateKey);
        }

        /**
         * @param password the PKCS#12 password
         * @return a PKCS#12 (.pfx) file's bytes
         */
        public byte[] pkcs12(char[] password) {
            return Pki.pkcs12(new Pki.ClientCertificate(certificate, privateKey), password);
        }
    }

    /** {@return the seeded certificate with its key} */
    public AppCertificate seededCertificate() {
        return new AppCertificate(seed.certificate(), seed.privateKey());
    }

    Tenant tenant(String segment) {
        if (MULTI_TENANT.contains(segment.toLowerCase())) {
            return seed.tenant();
        }
        return tenants.stream().filter(t -> t.matches(segment)).findFirst().orElseThrow(() -> OAuthError.tenantNotFound(segment));
    }

    User seededUser(Tenant tenant) {
        return tenant == seed.tenant() ? seed.user() : tenant.users().getFirst();
    }

    Tokens tokens() {
        return tokens;
    }

    Grants grants() {
        return grants;
    }

    // ---- control ----------------------------------------------------------------------------------------

    /**
     * @param enabled whether the sign-in page signs the seeded user in at once (and consents), for fast tests
     */
    public void autoApprove(boolean enabled) {
        this.autoApprove = enabled;
    }

    boolean autoApprove() {
        return autoApprove;
    }

    /** {@return how many device codes were approved} The seeded user approves (and consents to) every pending device code. */
    public int approveDeviceCodes() {
        return approveDeviceCodes(seed.user());
    }

    /**
     * @param user the user who approves
     * @return how many device codes were approved
     */
    public int approveDeviceCodes(User user) {
        List<Grants.DeviceGrant> pending = grants.pendingDeviceGrants();
        for (Grants.DeviceGrant grant : pending) {
            Scopes scopes = Scopes.parse(grant.scope, tenant(grant.tenantId));
            if (scopes.resource() != null) {
                grants.consent(user.objectId(), grant.clientId, scopes.resource().identifier(),
                        scopes.isDefault() ? scopes.resource().delegatedScopes() : scopes.scopes());
            }
            grant.userId = user.objectId();
            grant.state = Grants.DeviceState.APPROVED;
        }
        return pending.size();
    }

    /** {@return how many device codes were declined} The user declines every pending device code. */
    public int declineDeviceCodes() {
        List<Grants.DeviceGrant> pending = grants.pendingDeviceGrants();
        pending.forEach(g -> g.state = Grants.DeviceState.DECLINED);
        return pending.size();
    }

    /**
     * @param lifetime how long new device codes are valid
     * @param interval the polling interval new device codes announce, in seconds; 0 (or less) leaves {@code interval}
     *                 out of the devicecode answer, as RFC 8628 allows (clients then wait 5 s)
     */
    public void deviceCodeTiming(Duration lifetime, int interval) {
        grants.deviceCodeLifetime = lifetime;
        grants.deviceCodeInterval = interval;
    }

    /** @param count how many of the next device-code polls answer {@code slow_down} */
    public void slowDownDevicePolls(int count) {
        grants.slowDownsPending = count;
    }

    /**
     * Scripts the answers to the next device-code polls of a valid, unexpired code: one OAuth error each, in order,
     * before the code's own state decides. {@code authorization_pending} and {@code slow_down} keep the code;
     * {@code authorization_declined}, {@code access_denied}, {@code expired_token} and {@code bad_verification_code}
     * end it, as Entra does; any other name is answered as given (an error a client does not know).
     *
     * @param errors the {@code error} of each answer, such as {@code "authorization_pending", "slow_down"}
     */
    public void answerDevicePolls(String... errors) {
        grants.devicePollAnswers.addAll(List.of(errors));
    }

    /**
     * {@return every device code issued so far, still valid or not} For leak tests only: a client must never show the
     * device code, so a test looks for these values in its output (the request log never holds them).
     */
    public List<String> issuedDeviceCodes() {
        return List.copyOf(grants.issuedDeviceCodes);
    }

    /**
     * For tests of refresh-token rotation: the refresh token issued last to an application.
     *
     * @param clientId the application
     * @return the newest refresh token, if any was issued
     */
    public Optional<String> newestRefreshToken(String clientId) {
        return grants.refreshTokens.entrySet().stream()
                .filter(e -> e.getValue().clientId().equals(clientId))
                .max(java.util.Comparator.comparingLong(e -> e.getValue().serial()))
                .map(Map.Entry::getKey);
    }

    /** Makes every refresh token issued so far fail with AADSTS700082 (expired by inactivity). */
    public void expireRefreshTokens() {
        grants.refreshTokenMaxInactive = Duration.ZERO;
    }

    /** @param fault a failure for the next matching requests */
    public void addFault(Fault fault) {
        faults.add(fault);
    }

    /** Removes every pending fault. */
    public void clearFaults() {
        faults.clear();
    }

    /** {@return the requests received so far (control requests excepted), oldest first} */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests received so far. */
    public void clearRequests() {
        requests.clear();
    }

    /** {@return stack traces of the emulator's own failures (answered with 500); tests assert there are none} */
    public List<String> bugs() {
        List<String> all = new java.util.ArrayList<>(router.bugs);
        all.addAll(imdsRouter.bugs);
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
        imds.stop(0);
        extraIdentityServers.forEach(extra -> extra.stop(0));
        executor.shutdownNow();
    }
}
