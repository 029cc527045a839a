package dev.entraauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real headless Chromium, driven through chromedriver with the W3C WebDriver protocol, completes the emulator's
 * sign-in page: the browser follows the redirect to the app's loopback listener, and the app redeems the code with
 * its PKCE verifier. Debian's {@code chromium} and {@code chromium-driver} must be installed (.ci/run installs them).
 */
class BrowserSignInIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");
    static final ObjectMapper JSON = new ObjectMapper();
    static final SecureRandom RANDOM = new SecureRandom();

    EntraEmulator entra;
    HttpServer app;
    CompletableFuture<Map<String, String>> callback;
    WebDriver browser;
    Path profile;

    @BeforeEach
    void startTheEmulatorTheAppsListenerAndTheBrowser() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "this test drives a real browser: install"
                + " Debian's packages with `apt-get update && apt-get install -y chromium chromium-driver` (.ci/run does)");
        entra = EntraEmulator.start();
        callback = new CompletableFuture<>();
        app = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        app.createContext("/", exchange -> {
            try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/")) {
                    callback.complete(Call.parse(exchange.getRequestURI().getRawQuery()));
                }
                byte[] page = "<!doctype html><title>Signed in</title><p>You can close this window.".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
            }
        });
        app.start();
        profile = Files.createTempDirectory("entra-emulator-chromium");
        browser = WebDriver.start(profile, spkiSha256(entra));
    }

    @AfterEach
    void stopEverythingAndFindNoEmulatorBug() throws IOException {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (app != null) {
                app.stop(0);
            }
            if (entra != null) {
                entra.close();
            }
            if (profile != null) {
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        if (entra != null) {
            assertEquals(List.of(), entra.bugs());
        }
    }

    @Test
    void aUserSignsInInARealBrowserAndTheAppRedeemsTheCodeWithItsVerifier() throws Exception {
        String verifier = randomUrlSafe(48);
        String state = randomUrlSafe(16);
        String redirect = "http://localhost:" + app.getAddress().getPort() + "/";

        browser.navigate(authorizeUrl(redirect, state, challenge(verifier)));
        assertEquals("Sign in to your account", browser.title());
        Files.createDirectories(TARGET);
        Files.write(TARGET.resolve("browser-sign-in.png"), browser.screenshot());
        browser.type("#username", entra.seed().user().username());
        browser.type("#password", EntraEmulator.Seed.USER_PASSWORD);
        browser.click("#consent");
        browser.click("#submit");

        Map<String, String> query = callback.get(20, TimeUnit.SECONDS);
        assertEquals(state, query.get("state"), "the state comes back unchanged");
        String code = query.get("code");
        assertNotNull(code, query.toString());
        assertFalse(query.containsKey("error"), query.toString());
        assertTrue(browser.currentUrl().startsWith(redirect), browser.currentUrl());

        HttpResponse<String> token = entra.httpClient().send(HttpRequest.newBuilder(URI.create(entra.tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("client_id", entra.seed().publicApp().clientId(),
                        "grant_type", "authorization_code", "code", code, "redirect_uri", redirect, "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        JsonNode body = JSON.readTree(token.body());
        SignedJWT access = SignedJWT.parse(body.path("access_token").asText());
        List<String> scp = List.of(access.getJWTClaimsSet().getStringClaim("scp").split(" "));
        assertTrue(scp.contains("User.Read"), scp.toString());
        assertEquals(entra.seed().user().objectId(), access.getJWTClaimsSet().getStringClaim("oid"));
        assertTrue(body.hasNonNull("refresh_token") && body.hasNonNull("id_token"), "offline_access and openid were asked");
    }

    @Test
    void aWrongPasswordShowsThePageAgainWithAadsts50126AndNeverReachesTheApp() throws Exception {
        String redirect = "http://localhost:" + app.getAddress().getPort() + "/";

        browser.navigate(authorizeUrl(redirect, randomUrlSafe(16), challenge(randomUrlSafe(48))));
        browser.type("#username", entra.seed().user().username());
        browser.type("#password", "not-" + EntraEmulator.Seed.USER_PASSWORD);
        browser.click("#consent");
        browser.click("#submit");

        String error = browser.waitForText("#error", Duration.ofSeconds(10));
        assertTrue(error.contains("AADSTS50126"), error);
        assertEquals("Sign in to your account", browser.title());
        assertTrue(browser.currentUrl().startsWith(entra.authority() + "/oauth2/v2.0/authorize"), browser.currentUrl());
        Files.createDirectories(TARGET);
        Files.write(TARGET.resolve("browser-sign-in-wrong-password.png"), browser.screenshot());
        assertFalse(callback.isDone(), "the app got no callback");
    }

    private String authorizeUrl(String redirect, String state, String challenge) {
        return entra.authority() + "/oauth2/v2.0/authorize?" + form(Map.of(
                "client_id", entra.seed().publicApp().clientId(),
                "response_type", "code",
                "redirect_uri", redirect,
                "scope", "openid profile offline_access https://graph.microsoft.com/User.Read",
                "state", state,
                "code_challenge", challenge,
                "code_challenge_method", "S256"));
    }

    static String form(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")));
        return String.join("&", pairs);
    }

    static String randomUrlSafe(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The base64 SHA-256 of the server certificate's SubjectPublicKeyInfo, as Chromium's SPKI list wants it. */
    static String spkiSha256(EntraEmulator entra) throws Exception {
        return Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(entra.serverCertificate().getPublicKey().getEncoded()));
    }

    /** A chromedriver process and one WebDriver session in it, spoken to over the W3C WebDriver HTTP protocol. */
    static final class WebDriver implements AutoCloseable {
        private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
        private final Process driver;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final String base;
        private String session;

        private WebDriver(Process driver, int port) {
            this.driver = driver;
            this.base = "http://127.0.0.1:" + port;
        }

        static WebDriver start(Path profile, String spki) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                port = socket.getLocalPort();
            }
            Files.createDirectories(TARGET);
            Process process = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                    .redirectErrorStream(true).redirectOutput(TARGET.resolve("chromedriver.log").toFile()).start();
            WebDriver webDriver = new WebDriver(process, port);
            try {
                webDriver.awaitReady();
                Map<String, Object> options = Map.of("binary", CHROMIUM.toString(), "args", List.of("--headless=new", "--no-sandbox",
                        "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--window-size=800,700", "--user-data-dir=" + profile,
                        "--ignore-certificate-errors-spki-list=" + spki));
                JsonNode created = webDriver.call("POST", "/session", Map.of("capabilities",
                        Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
                webDriver.session = created.path("sessionId").asText();
                assertFalse(webDriver.session.isEmpty(), created.toString());
                return webDriver;
            } catch (Exception | AssertionError e) {
                webDriver.close();
                throw e;
            }
        }

        private void awaitReady() throws Exception {
            Instant deadline = Instant.now().plusSeconds(20);
            while (true) {
                try {
                    if (call("GET", "/status", null).path("ready").asBoolean()) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                assertTrue(driver.isAlive(), "chromedriver exited: see target/chromedriver.log");
                assertTrue(Instant.now().isBefore(deadline), "chromedriver was not ready within 20 s");
                Thread.sleep(100);
            }
        }

        void navigate(String url) throws Exception {
            call("POST", path("/url"), Map.of("url", url));
        }

        String title() throws Exception {
            return call("GET", path("/title"), null).asText();
        }

        String currentUrl() throws Exception {
            return call("GET", path("/url"), null).asText();
        }

        void type(String css, String text) throws Exception {
            call("POST", path("/element/" + find(css) + "/value"), Map.of("text", text));
        }

        void click(String css) throws Exception {
            call("POST", path("/element/" + find(css) + "/click"), Map.of());
        }

        String waitForText(String css, Duration timeout) throws Exception {
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                try {
                    return call("GET", path("/element/" + find(css) + "/text"), null).asText();
                } catch (WebDriverException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }

        byte[] screenshot() throws Exception {
            return Base64.getDecoder().decode(call("GET", path("/screenshot"), null).asText());
        }

        private String find(String css) throws Exception {
            return call("POST", path("/element"), Map.of("using", "css selector", "value", css)).path(ELEMENT).asText();
        }

        private String path(String rest) {
            return "/session/" + session + rest;
        }

        /** {@return the response's {@code value}} */
        private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
            if (body != null) {
                request.header("Content-Type", "application/json; charset=utf-8")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode value = JSON.readTree(response.body()).path("value");
            if (response.statusCode() != 200) {
                throw new WebDriverException(method + " " + path + " answered " + response.statusCode() + ": " + value);
            }
            return value;
        }

        @Override
        public void close() {
            try {
                if (session != null) {
                    call("DELETE", path(""), null);
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                // the browser is gone already; stopping chromedriver below still ends it
            } finally {
                session = null;
                driver.descendants().forEach(ProcessHandle::destroy);
                driver.destroy();
                try {
                    if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                        driver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A WebDriver command answered with an error. */
    static final class WebDriverException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WebDriverException(String message) {
            super(message);
        }
    }
}
