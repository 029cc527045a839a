package dev.entraauth.flows.interactive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.HttpMethod;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.CertificateSource;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.PortRange;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.RecordedRequest;
import dev.entraauth.testkit.flow.InMemoryFlowContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The InteractiveBrowser flow against the Entra ID emulator over real HTTPS, with its real loopback listener: a
 * real headless Chromium started through {@code BROWSER} signs in on the emulator's page; elsewhere a recording
 * {@code BROWSER} and the test play the browser's part, and forge what an attacker's page could send.
 */
class InteractiveBrowserFlowTest {
    // Graph scopes by name: Entra (and the emulator) answers them so, and msal finds the cached token only then.
    static final List<String> SCOPES = List.of("User.Read");
    static final Pattern LISTENER_PORT = Pattern.compile("loopback listener on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    EntraEmulator entra;
    InMemoryFlowContext context;
    RecordingBrowser browser;
    final List<HttpRequest> sent = Collections.synchronizedList(new ArrayList<>());
    InteractiveBrowserFlow flow;

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        context = InMemoryFlowContext.trusting(entra, dir);
        browser = new RecordingBrowser(dir);
        context.env("BROWSER", browser.command());
        flow = new InteractiveBrowserFlow(http -> new IHttpClient() {
            @Override
            public IHttpResponse send(HttpRequest request) throws Exception {
                sent.add(request);
                return http.send(request);
            }
        });
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    private Profile profile(String name) {
        return Profile.builder(name).tenantId(entra.seed().tenant().id()).clientId(entra.seed().publicApp().clientId())
                .authMethod(AuthMethod.PublicClient).cloud(Cloud.Custom).authorityHost(URI.create(entra.baseUrl()))
                .scopes(SCOPES).build();
    }

    private CompletableFuture<TokenResult> acquireInBackground(Profile profile, Duration timeout, boolean showUrl) {
        CompletableFuture<TokenResult> result = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(flow.acquire(new TokenRequest(profile, SCOPES, false, timeout, showUrl), context));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static AuthException failure(CompletableFuture<TokenResult> pending) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(60, TimeUnit.SECONDS));
        if (e.getCause() instanceof AuthException auth) {
            return auth;
        }
        throw new AssertionError("expected an AuthException", e.getCause());
    }

    private List<RecordedRequest> tokenRequests() {
        return entra.requests().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).toList();
    }

    private List<RecordedRequest> deviceCodeRequests() {
        return entra.requests().stream().filter(r -> r.path().contains("devicecode")
                || "urn:ietf:params:oauth:grant-type:device_code".equals(r.grantType())).toList();
    }

    static Map<String, String> query(String url) {
        Map<String, String> parameters = new HashMap<>();
        String raw = URI.create(url).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    /** The emulator's authorize endpoint with auto-approve on: where it sends the browser back (the Location). */
    private String approve(String authorizeUrl) throws Exception {
        entra.autoApprove(true);
        HttpResponse<String> response = entra.httpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(authorizeUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode(), response.body());
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static int port(String authorizeUrl) {
        return URI.create(query(authorizeUrl).get("redirect_uri")).getPort();
    }

    private int listenerPortFromDebugLog() {
        for (String line : context.debugs()) {
            Matcher m = LISTENER_PORT.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("no listener in the debug log: " + context.debugs());
    }

    private static String claim(String jwt, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(payload);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void aRealHeadlessChromiumStartedThroughBrowserSignsInOnTheEmulatorsPageAndTheFlowGetsTheToken() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium(Files.createDirectories(dir.resolve("chromium")),
                entra.serverCertificate())) {
            context.env("BROWSER", chromium.command());
            Profile profile = profile("default");

            CompletableFuture<TokenResult> pending = acquireInBackground(profile, Duration.ofSeconds(90), false);
            chromium.attachToPageTitled("Sign in to your account", Duration.ofSeconds(30));
            String submitted = chromium.evaluate("(() => {"
                    + " document.querySelector('#username').value = '" + entra.seed().user().username() + "';"
                    + " document.querySelector('#password').value = '" + EntraEmulator.Seed.USER_PASSWORD + "';"
                    + " const consent = document.querySelector('#consent'); if (!consent.checked) consent.click();"
                    + " document.querySelector('#submit').click(); return 'submitted'; })()");
            TokenResult token = pending.get(60, TimeUnit.SECONDS);
            String page = chromium.awaitEvaluation("document.title + ' | ' + document.body.innerText + ' | ' + location.origin",
                    "Authentication successful", Duration.ofSeconds(10));

            assertTrue(submitted.contains("submitted"), submitted);
            assertFalse(token.fromCache());
            assertEquals(entra.seed().user().objectId(), claim(token.accessToken(), "oid"));
            assertTrue(List.of(claim(token.accessToken(), "scp").split(" ")).contains("User.Read"));
            assertEquals(1, tokenRequests().size());
            assertEquals("authorization_code", tokenRequests().getFirst().grantType());
            int port = port(chromium.opened().getFirst());
            assertTrue(page.contains("Signed in") && page.contains("http://localhost:" + port), page);
            assertEquals(List.of("Opening browser for authentication...", "✓ Browser opened", "⏳ Waiting for sign-in...",
                    "✓ Authentication successful!"), context.infos());
            assertFalse(Loopback.accepts(port), "the listener is closed after the callback");

            TokenResult again = flow.acquire(new TokenRequest(profile, SCOPES, false, Duration.ofSeconds(30), false), context);

            assertTrue(again.fromCache(), "the second call is answered from the profile's cache: " + context.infos());
            assertEquals(token.accessToken(), again.accessToken());
            assertEquals(1, chromium.opened().size(), "no second browser");
            assertEquals(1, tokenRequests().size());
        }
    }

    @Test
    void theAuthorizeUrlCarriesAnS256ChallengeOfTheVerifierThatOnlyTheTokenRequestCarries() throws Exception {
        CompletableFuture<TokenResult> pending = acquireInBackground(profile("default"), Duration.ofSeconds(60), false);
        String url = browser.awaitOpened(1, Duration.ofSeconds(20)).getFirst();
        Map<String, String> authorize = query(url);

        Loopback.Response callback = Loopback.follow(approve(url));
        TokenResult token = pending.get(30, TimeUnit.SECONDS);

        assertEquals(200, callback.status());
        assertTrue(token.accessToken().startsWith("ey"));
        assertEquals("S256", authorize.get("code_challenge_method"));
        assertEquals("query", authorize.get("response_mode"));
        assertEquals("http://localhost:" + port(url), authorize.get("redirect_uri"));
        assertTrue(authorize.get("state").matches("[A-Za-z0-9_-]{43}"), "state: 256 bits, base64url");
        List<HttpRequest> posts = sent.stream().filter(r -> r.httpMethod() == HttpMethod.POST
                && r.url().getPath().endsWith("/oauth2/v2.0/token")).toList();
        assertEquals(1, posts.size());
        Map<String, String> form = query("http://x/?" + posts.getFirst().body());
        String verifier = form.get("code_verifier");
        assertTrue(verifier != null && verifier.matches("[A-Za-z0-9._~-]{43}"), "43 unreserved characters: " + verifier);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(challenge, authorize.get("code_challenge"));
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals("http://localhost:" + port(url), form.get("redirect_uri"));
        assertFalse(url.contains(verifier), "the verifier is not in the authorize URL");
        String code = form.get("code");
        String everything = context.stderr() + String.join("\n", browser.opened());
        assertFalse(everything.contains(verifier) || everything.contains(code), "verifier or code on stderr or debug: " + everything);
    }

    @Test
    void forgedCallbacksMakeNoTokenRequestAndTheGenuineCallbackStillSucceeds() throws Exception {
        CompletableFuture<TokenResult> pending = acquireInBackground(profile("default"), Duration.ofSeconds(60), false);
        String url = browser.awaitOpened(1, Duration.ofSeconds(20)).getFirst();
        int port = port(url);
        String state = query(url).get("state");
        String host = "localhost:" + port;

        Loopback.Response wrongState = Loopback.send(port, "GET", "/?code=forged&state=" + state.substring(2) + "xy", host);
        Loopback.Response noState = Loopback.send(port, "GET", "/?code=forged", host);
        Loopback.Response evilHost = Loopback.send(port, "GET", "/?code=forged&state=" + state, "evil.example:" + port);
        Loopback.Response favicon = Loopback.send(port, "GET", "/favicon.ico", host);
        Loopback.Response root = Loopback.send(port, "GET", "/", host);
        Loopback.Response redirect = Loopback.send(port, "GET", "/?redirect=https://evil.example&code=forged&state=x", host);

        assertEquals(List.of(400, 400, 403, 404, 400, 400), List.of(wrongState.status(), noState.status(), evilHost.status(),
                favicon.status(), root.status(), redirect.status()));
        assertFalse(root.body().contains(state), "GET / does not reveal the state");
        assertNull(redirect.headers().get("location"));
        assertFalse(pending.isDone(), "the flow keeps waiting");
        assertEquals(List.of(), tokenRequests(), "no token request for a forged callback");
        assertTrue(sent.isEmpty(), "msal sent nothing at all: " + sent.size());

        Loopback.Response genuine = Loopback.follow(approve(url) + "&redirect=https%3A%2F%2Fevil.example");
        TokenResult token = pending.get(30, TimeUnit.SECONDS);

        assertEquals(200, genuine.status());
        assertNull(genuine.headers().get("location"));
        assertTrue(token.accessToken().startsWith("ey"));
        assertEquals(1, tokenRequests().size());
        assertTrue(context.debugs().stream().anyMatch(l -> l.contains("wrong state (400)")), context.debugs().toString());
    }

    @Test
    void anErrorFromEntraEndsTheSignInWithAnEscapedPageAndOneLine() throws Exception {
        CompletableFuture<TokenResult> pending = acquireInBackground(profile("default"), Duration.ofSeconds(60), false);
        String url = browser.awaitOpened(1, Duration.ofSeconds(20)).getFirst();
        String description = "AADSTS65004: User declined to consent <script>alert(document.cookie)</script>";

        Loopback.Response page = Loopback.send(port(url), "GET", "/?error=access_denied&error_description="
                + URLEncoder.encode(description, StandardCharsets.UTF_8) + "&state=" + query(url).get("state"), "localhost:" + port(url));
        AuthException e = failure(pending);

        assertEquals(200, page.status());
        assertFalse(page.body().contains("<script>"), page.body());
        assertTrue(page.body().contains("&lt;script&gt;alert(document.cookie)&lt;/script&gt;"), page.body());
        assertEquals("no-referrer", page.headers().get("referrer-policy"));
        assertEquals("no-store", page.headers().get("cache-control"));
        assertTrue(page.headers().get("content-security-policy").startsWith("default-src 'none'"));
        assertEquals(ExitCode.AUTHORIZATION, e.exitCode());
        assertTrue(e.getMessage().startsWith("Sign-in failed: access_denied: AADSTS65004"), e.getMessage());
        assertEquals(List.of(), tokenRequests());
    }

    @Test
    void aBrowserThatCannotBeOpenedIsAnErrorAndNeverStartsDeviceCode() throws Exception {
        context.env("BROWSER", dir.resolve("no-such-browser").toString());

        AuthException e = assertThrows(AuthException.class, () -> flow.acquire(
                new TokenRequest(profile("default"), SCOPES, false, Duration.ofSeconds(30), false), context));

        assertEquals(ExitCode.ERROR, e.exitCode());
        assertTrue(e.getMessage().startsWith("Could not open a browser:"), e.getMessage());
        assertTrue(e.getMessage().contains("--show-url") && e.getMessage().contains("-f DeviceCode"), e.getMessage());
        assertEquals(List.of(), deviceCodeRequests(), "no device code was requested");
        assertEquals(List.of(), entra.requests(), "nothing at all was sent");
        assertEquals(List.of("Opening browser for authentication..."), context.infos());
        assertFalse(Loopback.accepts(listenerPortFromDebugLog()), "the listener is closed");
    }

    @Test
    void showUrlPrintsTheUrlOnStderrInsteadOfOpeningABrowser() throws Exception {
        CompletableFuture<TokenResult> pending = acquireInBackground(profile("default"), Duration.ofSeconds(60), true);
        String url = null;
        for (int i = 0; i < 200 && url == null; i++) {
            url = context.infos().stream().filter(l -> l.startsWith("https://")).findFirst().orElse(null);
            Thread.sleep(50);
        }

        assertTrue(url != null && url.startsWith(entra.authority() + "/oauth2/v2.0/authorize?"), context.infos().toString());
        assertEquals(200, Loopback.follow(approve(url)).status());
        assertTrue(pending.get(30, TimeUnit.SECONDS).accessToken().startsWith("ey"));
        assertEquals(List.of(), browser.opened(), "no browser was started");
        assertEquals("To sign in, open this URL in a browser on this machine:", context.infos().getFirst());
        assertFalse(context.infos().contains("✓ Browser opened"));
    }

    @Test
    void aSignInNotFinishedInTimeEndsWithTheTimeoutMessageAndClosesThePort() throws Exception {
        long started = System.nanoTime();

        AuthException e = assertThrows(AuthException.class, () -> flow.acquire(
                new TokenRequest(profile("default"), SCOPES, false, Duration.ofSeconds(3), false), context));

        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertEquals(ExitCode.TIMEOUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("Timeout waiting for authentication callback"), e.getMessage());
        assertTrue(seconds < 10, seconds + " s");
        assertFalse(Loopback.accepts(port(browser.opened().getFirst())));
        assertEquals(List.of(), tokenRequests());
    }

    @Test
    void aBusyPortOfTheProfileIsOneLineBeforeAnyBrowserOrRequest() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            Profile profile = profile("default").toBuilder().redirectPorts(new PortRange(port, port)).build();

            AuthException e = assertThrows(AuthException.class, () -> flow.acquire(
                    new TokenRequest(profile, SCOPES, false, Duration.ofSeconds(30), false), context));

            assertTrue(e.getMessage().startsWith("Port " + port + " is already in use; choose another with --port"), e.getMessage());
            assertEquals(List.of(), browser.opened());
            assertEquals(List.of(), entra.requests());
        }
    }

    @Test
    void thePortsOfTheProfileAreUsed() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        Profile profile = profile("default").toBuilder().redirectPorts(new PortRange(port, port)).build();

        CompletableFuture<TokenResult> pending = acquireInBackground(profile, Duration.ofSeconds(60), false);
        String url = browser.awaitOpened(1, Duration.ofSeconds(20)).getFirst();
        Loopback.follow(approve(url));

        assertTrue(pending.get(30, TimeUnit.SECONDS).accessToken().startsWith("ey"));
        assertEquals(port, port(url));
    }

    @Test
    void theRedirectHostCanBe127001WhileTheSocketStaysOn127001() throws Exception {
        entra.seed().publicApp().addRedirectUri("http://127.0.0.1");
        context.env("ENTRA_AUTH_CLI_REDIRECT_HOST", "127.0.0.1");

        CompletableFuture<TokenResult> pending = acquireInBackground(profile("default"), Duration.ofSeconds(60), false);
        String url = browser.awaitOpened(1, Duration.ofSeconds(20)).getFirst();
        String location = approve(url);
        Loopback.Response callback = Loopback.follow(location);

        assertEquals("http://127.0.0.1:" + port(url), query(url).get("redirect_uri"));
        assertTrue(location.startsWith("http://127.0.0.1:" + port(url)), location);
        assertEquals(200, callback.status());
        assertTrue(pending.get(30, TimeUnit.SECONDS).accessToken().startsWith("ey"));
    }

    @Test
    void anUnknownRedirectHostIsAUsageErrorBeforeAnything() {
        context.env("ENTRA_AUTH_CLI_REDIRECT_HOST", "[::1]");

        AuthException e = assertThrows(AuthException.class, () -> flow.acquire(
                new TokenRequest(profile("default"), SCOPES, false, Duration.ofSeconds(30), false), context));

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("localhost or 127.0.0.1"), e.getMessage());
        assertEquals(List.of(), entra.requests());
    }

    @Test
    void twoSignInsAtOnceListenOnDifferentPortsAndBothSucceed() throws Exception {
        CompletableFuture<TokenResult> first = acquireInBackground(profile("one"), Duration.ofSeconds(60), false);
        CompletableFuture<TokenResult> second = acquireInBackground(profile("two"), Duration.ofSeconds(60), false);
        List<String> urls = browser.awaitOpened(2, Duration.ofSeconds(20));

        assertNotEquals(port(urls.get(0)), port(urls.get(1)));
        assertNotEquals(query(urls.get(0)).get("state"), query(urls.get(1)).get("state"));
        Loopback.follow(approve(urls.get(1)));
        Loopback.follow(approve(urls.get(0)));
        assertTrue(first.get(30, TimeUnit.SECONDS).accessToken().startsWith("ey"));
        assertTrue(second.get(30, TimeUnit.SECONDS).accessToken().startsWith("ey"));
        assertEquals(2, tokenRequests().size());
    }

    @Test
    void itServesPublicClientProfilesOnlyUnderItsNameAndAliases() throws Exception {
        Path pem = Files.writeString(dir.resolve("c.pem"), "unused");
        Profile secret = profile("s").toBuilder().authMethod(AuthMethod.ClientSecret).build();
        Profile certificate = profile("c").toBuilder().authMethod(AuthMethod.Certificate)
                .certificate(CertificateSource.ofFile(pem.toString())).build();
        Profile identity = profile("m").toBuilder().authMethod(AuthMethod.ManagedIdentity).build();

        assertTrue(flow.canServe(profile("p")));
        assertTrue(flow.canServe(profile("p").toBuilder().tenantId("organizations").build()));
        assertFalse(flow.canServe(secret));
        assertFalse(flow.canServe(certificate));
        assertFalse(flow.canServe(identity));
        assertEquals("InteractiveBrowser", flow.name());
        assertEquals(java.util.Set.of("interactive", "browser"), flow.aliases());
        AuthException e = assertThrows(AuthException.class, () -> flow.acquire(
                new TokenRequest(secret, SCOPES, false, Duration.ofSeconds(5), false), context));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(List.of(), entra.requests());
    }
}
