package dev.entraauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.DeviceCode;
import com.microsoft.aad.msal4j.DeviceCodeFlowParameters;
import com.microsoft.aad.msal4j.HttpMethod;
import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.aad.msal4j.MsalServiceException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.microsoft.aad.msal4j.SilentParameters;
import com.microsoft.aad.msal4j.TokenSource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real msal4j, configured as the CLI configures it (an https authority with authority validation and instance
 * discovery off, our own {@link IHttpClient} over java.net.http that trusts the emulator's CA), gets tokens from the
 * emulator in every flow the CLI uses.
 */
class MsalAgainstEmulatorTest {
    private static final Set<String> GRAPH_DEFAULT = Set.of("https://graph.microsoft.com/.default");
    private static final Set<String> USER_READ = Set.of("User.Read");

    private EntraEmulator entra;
    private JdkHttpClient http;

    @BeforeEach
    void startEmulator() {
        entra = EntraEmulator.start();
        http = new JdkHttpClient(entra.httpClient());
    }

    @AfterEach
    void emulatorHadNoBugs() {
        try {
            assertEquals(List.of(), entra.bugs());
        } finally {
            entra.close();
        }
    }

    // ---- client credentials ---------------------------------------------------------------------------

    @Test
    void aClientSecretGetsAGraphAppOnlyTokenWithTheGrantedRole() throws Exception {
        ConfidentialClientApplication app = confidential(ClientCredentialFactory.createFromSecret(entra.seed().clientSecret().value()));

        IAuthenticationResult result = app.acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();

        JWTClaimsSet claims = claims(result.accessToken());
        assertGraphAppToken(claims, "1");
        assertEquals(List.of(new Seen("POST", "/" + entra.seed().tenant().id() + "/oauth2/v2.0/token", "client_credentials")), seen(),
                "one token request, and no instance discovery or metadata request");
    }

    @Test
    void aCertificateAndItsKeyGetAGraphTokenAuthenticatedByCertificate() throws Exception {
        ConfidentialClientApplication app = confidential(ClientCredentialFactory.createFromCertificate(entra.seed().privateKey(),
                entra.seed().certificate()));

        IAuthenticationResult result = app.acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();

        assertGraphAppToken(claims(result.accessToken()), "2");
    }

    @Test
    void aPfxFileWithItsPasswordGetsAGraphTokenAuthenticatedByCertificate(@TempDir Path dir) throws Exception {
        Path pfx = Files.write(dir.resolve("app.pfx"), entra.seededCertificate().pkcs12("pfx-pass".toCharArray()));
        IClientCredential credential;
        try (InputStream in = Files.newInputStream(pfx)) {
            credential = ClientCredentialFactory.createFromCertificate(in, "pfx-pass");
        }

        IAuthenticationResult result = confidential(credential).acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();

        assertGraphAppToken(claims(result.accessToken()), "2");
    }

    @Test
    void pemFilesReadWithTheJdkGetAGraphTokenAuthenticatedByCertificate() throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(entra.seededCertificate().certificatePem().getBytes(StandardCharsets.US_ASCII)));
        String keyBase64 = entra.seededCertificate().privateKeyPem().replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(keyBase64)));

        IAuthenticationResult result = confidential(ClientCredentialFactory.createFromCertificate(key, certificate))
                .acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();

        assertGraphAppToken(claims(result.accessToken()), "2");
    }

    @Test
    void aTokenForTheAppsOwnApiIsAVersion2TokenWithItsAppRole() throws Exception {
        String clientId = entra.seed().confidentialApp().clientId();
        ConfidentialClientApplication app = confidential(ClientCredentialFactory.createFromSecret(entra.seed().clientSecret().value()));

        IAuthenticationResult result = app.acquireToken(ClientCredentialParameters.builder(Set.of("api://" + clientId + "/.default")).build()).get();

        JWTClaimsSet claims = claims(result.accessToken());
        assertEquals(List.of(clientId), claims.getAudience());
        assertEquals("2.0", claims.getStringClaim("ver"));
        assertEquals(clientId, claims.getStringClaim("azp"));
        assertEquals("1", claims.getStringClaim("azpacr"));
        assertEquals(entra.baseUrl() + "/" + entra.seed().tenant().id() + "/v2.0", claims.getIssuer());
        assertTrue(claims.getStringListClaim("roles").contains("Data.Read"), claims.toString());
    }

    /**
     * msal4j 1.26 keys cached tokens by the authority's host without its port (instance-discovery metadata uses
     * {@code URL.getHost()}) but looks app tokens up by host and port, so with {@code https://127.0.0.1:PORT/...} its
     * app-token cache never hits (see the next test). Entra has no port, and neither has the emulator when it can bind
     * port 443 on its own loopback address (as root, as in CI); where it cannot, this test routes a port-less
     * authority to the emulator's port itself.
     */
    @Test
    void theSecondRequestForTheSameScopeIsAnsweredFromMsalsCache() throws Exception {
        int port = URI.create(entra.baseUrl()).getPort();
        ConfidentialClientApplication app;
        if (port == -1) {
            app = confidential(ClientCredentialFactory.createFromSecret(entra.seed().clientSecret().value()));
        } else {
            JdkHttpClient routed = new JdkHttpClient(entra.httpClient(),
                    uri -> URI.create(uri.toString().replace("https://127.0.0.1/", "https://127.0.0.1:" + port + "/")));
            app = ConfidentialClientApplication.builder(entra.seed().confidentialApp().clientId(),
                            ClientCredentialFactory.createFromSecret(entra.seed().clientSecret().value()))
                    .authority("https://127.0.0.1/" + entra.seed().tenant().id() + "/").validateAuthority(false).instanceDiscovery(false)
                    .httpClient(routed).build();
        }
        IAuthenticationResult first = app.acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();
        assertEquals(1, entra.requests().size());
        entra.clearRequests();

        IAuthenticationResult second = app.acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();

        assertEquals(first.accessToken(), second.accessToken());
        assertEquals(List.of(), entra.requests(), "no request reaches the emulator");
    }

    /** Pins the msal4j quirk that makes the emulator prefer port 443, so an msal upgrade that fixes it shows here. */
    @Test
    void withAPortInTheAuthorityMsal4jDoesNotFindItsCachedAppToken() throws Exception {
        int free;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            free = socket.getLocalPort();
        }
        try (EntraEmulator ported = EntraEmulator.start(free, 0)) {
            ConfidentialClientApplication app = ConfidentialClientApplication.builder(ported.seed().confidentialApp().clientId(),
                            ClientCredentialFactory.createFromSecret(ported.seed().clientSecret().value()))
                    .authority(ported.authority() + "/").validateAuthority(false).instanceDiscovery(false)
                    .httpClient(new JdkHttpClient(ported.httpClient())).build();
            IAuthenticationResult first = app.acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();

            IAuthenticationResult second = app.acquireToken(ClientCredentialParameters.builder(GRAPH_DEFAULT).build()).get();

            assertEquals(URI.create(ported.baseUrl()).getAuthority(), first.environment());
            assertTrue(app.tokenCache().serialize().contains("\"environment\":\"127.0.0.1\""), "the cached token's environment has lost the port");
            assertNotEquals(first.accessToken(), second.accessToken());
            assertEquals(2, ported.requests().size());
            assertEquals(List.of(), ported.bugs());
        }
    }

    // ---- device code ---------------------------------------------------------------------------------

    @Test
    void theDeviceCodeFlowGetsUserTokensOnceTheUserApprovesTheCode() throws Exception {
        entra.deviceCodeTiming(Duration.ofMinutes(15), 1);
        PublicClientApplication app = publicClient();
        CompletableFuture<DeviceCode> shown = new CompletableFuture<>();
        Consumer<DeviceCode> userApprovesShortlyAfter = code -> {
            shown.complete(code);
            Thread.ofVirtual().start(() -> {
                sleep(300);
                entra.approveDeviceCodes();
            });
        };

        IAuthenticationResult result = app.acquireToken(DeviceCodeFlowParameters.builder(USER_READ, userApprovesShortlyAfter).build())
                .get(60, TimeUnit.SECONDS);

        assertEquals(List.of(entra.authority() + "/oauth2/v2.0/devicecode"), http.postsWithoutContentType,
                "msal4j sends the devicecode POST without a content type; the IHttpClient must add it");
        DeviceCode code = shown.getNow(null);
        assertNotNull(code);
        assertTrue(code.message().contains(code.userCode()), code.message());
        assertEquals(entra.baseUrl() + "/devicelogin", code.verificationUri());
        JWTClaimsSet claims = claims(result.accessToken());
        assertEquals("https://graph.microsoft.com", claims.getAudience().getFirst());
        assertEquals("User.Read", claims.getStringClaim("scp"));
        assertEquals("ada@contoso.onmicrosoft.com", claims.getStringClaim("upn"));
        assertEquals("0", claims.getStringClaim("appidacr"), "a public client authenticates with no credential");
        assertNotNull(result.idToken());
        assertEquals(entra.seed().publicApp().clientId(), claims(result.idToken()).getAudience().getFirst());
        assertNotNull(result.account());
        assertEquals("ada@contoso.onmicrosoft.com", result.account().username());
    }

    // ---- authorization code with PKCE -------------------------------------------------------------------

    @Test
    void anAuthorizationCodeFromMsalsAuthorizeUrlIsRedeemedWithThePkceVerifier() throws Exception {
        PublicClientApplication app = publicClient();
        String verifier = RawHttp.verifier();

        String code = signIn(app, RawHttp.challenge(verifier));
        IAuthenticationResult result = app.acquireToken(AuthorizationCodeParameters.builder(code, URI.create(REDIRECT))
                .scopes(USER_READ).codeVerifier(verifier).build()).get();

        JWTClaimsSet claims = claims(result.accessToken());
        assertEquals("User.Read", claims.getStringClaim("scp"));
        assertEquals(entra.seed().user().objectId(), claims.getStringClaim("oid"));
        assertNotNull(result.idToken());
        assertEquals("ada@contoso.onmicrosoft.com", result.account().username());
    }

    @Test
    void aWrongPkceVerifierIsRejectedWithAadsts501481() throws Exception {
        PublicClientApplication app = publicClient();
        String code = signIn(app, RawHttp.challenge(RawHttp.verifier()));

        MsalServiceException e = serviceException(app.acquireToken(AuthorizationCodeParameters.builder(code, URI.create(REDIRECT))
                .scopes(USER_READ).codeVerifier(RawHttp.verifier()).build()));

        assertEquals("invalid_grant", e.errorCode());
        assertTrue(e.getMessage().startsWith("AADSTS501481:"), e.getMessage());
    }

    @Test
    void redeemingTheSameCodeTwiceIsRejectedWithAadsts54005() throws Exception {
        PublicClientApplication app = publicClient();
        String verifier = RawHttp.verifier();
        String code = signIn(app, RawHttp.challenge(verifier));
        AuthorizationCodeParameters redeem = AuthorizationCodeParameters.builder(code, URI.create(REDIRECT)).scopes(USER_READ)
                .codeVerifier(verifier).build();
        app.acquireToken(redeem).get();

        MsalServiceException e = serviceException(app.acquireToken(redeem));

        assertEquals("invalid_grant", e.errorCode());
        assertTrue(e.getMessage().startsWith("AADSTS54005:"), e.getMessage());
    }

    // ---- refresh and accounts ---------------------------------------------------------------------------

    @Test
    void aForcedSilentRequestRefreshesWithTheRefreshTokenAndAnUnforcedOneUsesTheCache() throws Exception {
        PublicClientApplication app = publicClient();
        IAuthenticationResult signedIn = signInAndRedeem(app);
        IAccount account = signedIn.account();
        entra.clearRequests();

        // authorityUrl: without it msal4j 1.26 refreshes against the account's environment, the host without its port.
        IAuthenticationResult refreshed = app.acquireTokenSilently(SilentParameters.builder(USER_READ, account)
                .authorityUrl(entra.authority() + "/").forceRefresh(true).build()).get();

        assertEquals(List.of(new Seen("POST", "/" + entra.seed().tenant().id() + "/oauth2/v2.0/token", "refresh_token")), seen());
        assertEquals(TokenSource.IDENTITY_PROVIDER, refreshed.metadata().tokenSource());
        assertNotEquals(signedIn.accessToken(), refreshed.accessToken());
        assertEquals("User.Read", claims(refreshed.accessToken()).getStringClaim("scp"));
        entra.clearRequests();

        IAuthenticationResult cached = app.acquireTokenSilently(SilentParameters.builder(USER_READ, account)
                .authorityUrl(entra.authority() + "/").build()).get();

        assertEquals(refreshed.accessToken(), cached.accessToken());
        assertEquals(TokenSource.CACHE, cached.metadata().tokenSource());
        assertEquals(List.of(), entra.requests());
    }

    @Test
    void msalListsTheSignedInUserAsItsAccount() throws Exception {
        PublicClientApplication app = publicClient();
        signInAndRedeem(app);

        Set<IAccount> accounts = app.getAccounts().get();

        assertEquals(1, accounts.size());
        IAccount account = accounts.iterator().next();
        assertEquals("ada@contoso.onmicrosoft.com", account.username());
        assertEquals(entra.seed().user().objectId() + "." + entra.seed().tenant().id(), account.homeAccountId());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static final String REDIRECT = "http://localhost:50123/";

    private ConfidentialClientApplication confidential(IClientCredential credential) throws Exception {
        return ConfidentialClientApplication.builder(entra.seed().confidentialApp().clientId(), credential)
                .authority(entra.authority() + "/").validateAuthority(false).instanceDiscovery(false).httpClient(http).build();
    }

    private PublicClientApplication publicClient() throws Exception {
        return PublicClientApplication.builder(entra.seed().publicApp().clientId())
                .authority(entra.authority() + "/").validateAuthority(false).instanceDiscovery(false).httpClient(http).build();
    }

    /**
     * Opens msal's authorize URL as a browser would, with auto-approve, and returns the code the browser would post to
     * the loopback listener. msal4j 1.26 always asks for {@code response_mode=form_post} (its deprecated QUERY mode is
     * overridden with a warning), so the code comes back in Entra's self-submitting form, not in a Location header:
     * the CLI's own loopback listener must accept that POST.
     */
    private String signIn(PublicClientApplication app, String challenge) throws Exception {
        entra.autoApprove(true);
        String state = "state-" + System.nanoTime();
        URL url = app.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(REDIRECT, USER_READ)
                .codeChallenge(challenge).codeChallengeMethod("S256").state(state).build());
        assertTrue(url.toString().startsWith(entra.authority() + "/oauth2/v2.0/authorize?"), url.toString());
        assertEquals("form_post", RawHttp.query(URI.create(url.toString())).get("response_mode"));

        HttpResponse<String> response = new RawHttp(entra).get(url.toString());

        assertEquals(200, response.statusCode(), response.body());
        Map<String, String> posted = formPost(response.body());
        assertEquals(REDIRECT, posted.get("action"));
        assertEquals(state, posted.get("state"));
        return posted.get("code");
    }

    /** The action and hidden fields of a {@code form_post} page. */
    private static Map<String, String> formPost(String html) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher action = java.util.regex.Pattern.compile("<form method=POST action=\"([^\"]*)\"").matcher(html);
        assertTrue(action.find(), html);
        fields.put("action", action.group(1));
        java.util.regex.Matcher input = java.util.regex.Pattern.compile("<input type=hidden name=\"([^\"]*)\" value=\"([^\"]*)\">")
                .matcher(html);
        while (input.find()) {
            fields.put(input.group(1), input.group(2));
        }
        return fields;
    }

    private IAuthenticationResult signInAndRedeem(PublicClientApplication app) throws Exception {
        String verifier = RawHttp.verifier();
        String code = signIn(app, RawHttp.challenge(verifier));
        return app.acquireToken(AuthorizationCodeParameters.builder(code, URI.create(REDIRECT)).scopes(USER_READ)
                .codeVerifier(verifier).build()).get();
    }

    private void assertGraphAppToken(JWTClaimsSet claims, String appidacr) throws Exception {
        assertEquals(List.of("https://graph.microsoft.com"), claims.getAudience());
        assertEquals(entra.seed().tenant().id(), claims.getStringClaim("tid"));
        assertEquals("https://sts.windows.net/" + entra.seed().tenant().id() + "/", claims.getIssuer());
        assertTrue(claims.getStringListClaim("roles").contains("Application.Read.All"), claims.toString());
        assertEquals(appidacr, claims.getStringClaim("appidacr"));
        assertEquals(entra.seed().confidentialApp().clientId(), claims.getStringClaim("appid"));
        assertEquals("1.0", claims.getStringClaim("ver"));
        assertEquals("app", claims.getStringClaim("idtyp"));
        long lifetime = (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
        assertTrue(lifetime > 300, "msal treats tokens living 300 s or less as expired: " + lifetime);
    }

    private static JWTClaimsSet claims(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet();
    }

    private static MsalServiceException serviceException(CompletableFuture<IAuthenticationResult> future) {
        ExecutionException e = assertThrows(ExecutionException.class, future::get);
        return assertInstanceOf(MsalServiceException.class, e.getCause());
    }

    /** A request as the log shows it, for comparing lists. */
    private record Seen(String method, String path, String grantType) {
    }

    private List<Seen> seen() {
        return entra.requests().stream().map(r -> new Seen(r.method(), r.path(), r.grantType())).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * msal's transport over java.net.http, as the CLI plugs it: the emulator's CA trusted, a timeout, and the form
     * content type on POSTs when msal leaves it out.
     */
    static final class JdkHttpClient implements IHttpClient {
        /** Headers java.net.http sets itself and refuses from callers. */
        private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
        private final HttpClient client;
        private final java.util.function.UnaryOperator<URI> route;
        final List<String> postsWithoutContentType = new java.util.concurrent.CopyOnWriteArrayList<>();

        JdkHttpClient(HttpClient client) {
            this(client, uri -> uri);
        }

        JdkHttpClient(HttpClient client, java.util.function.UnaryOperator<URI> route) {
            this.client = client;
            this.route = route;
        }

        @Override
        public IHttpResponse send(com.microsoft.aad.msal4j.HttpRequest request) throws Exception {
            java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(route.apply(request.url().toURI()))
                    .timeout(Duration.ofSeconds(30));
            Map<String, String> headers = request.headers() == null ? Map.of() : request.headers();
            headers.forEach((name, value) -> {
                if (value != null && !RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    builder.header(name, value);
                }
            });
            String body = request.body() == null ? "" : request.body();
            if (request.httpMethod() == HttpMethod.POST) {
                if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
                    postsWithoutContentType.add(request.url().toString());
                    builder.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
                }
                builder.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
            } else {
                builder.method(request.httpMethod().methodName, java.net.http.HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            com.microsoft.aad.msal4j.HttpResponse out = new com.microsoft.aad.msal4j.HttpResponse()
                    .statusCode(response.statusCode()).body(response.body());
            out.addHeaders(response.headers().map());
            return out;
        }
    }
}
