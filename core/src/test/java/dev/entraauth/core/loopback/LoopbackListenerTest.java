package dev.entraauth.core.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.profile.PortRange;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SECURITY-CHECKLIST LB1, LB2, LB3, LB5, LB6: the loopback listener over real sockets. */
class LoopbackListenerTest {
    private static final String LOOPBACK_HEX = "0100007F";

    private final List<String> debug = Collections.synchronizedList(new ArrayList<>());

    private LoopbackListener open() throws AuthException {
        return LoopbackListener.open(LoopbackListener.Options.defaults().withDebug(debug::add));
    }

    private static String callback(LoopbackListener listener, String code) {
        return "/?code=" + code + "&state=" + listener.state() + "&session_state=abc";
    }

    private static void assertClosed(int port) throws IOException {
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
        }, "port " + port + " still accepts connections");
        assertEquals(List.of(), RawHttp.listeningAddresses(port), "something still listens on " + port);
    }

    @Test
    void itListensOn127001OnlyWithoutReuseAddressOnADynamicPort() throws Exception {
        try (LoopbackListener listener = open()) {
            int port = listener.port();

            assertTrue(port >= 49152 && port <= 65535, "port " + port);
            assertEquals(List.of(LOOPBACK_HEX), RawHttp.listeningAddresses(port), "only 127.0.0.1:" + port + " listens");
            assertFalse(listener.reusesAddress(), "SO_REUSEADDR must be off");
            assertEquals("http://localhost:" + port, listener.redirectUri().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(RedirectHost.class)
    void theRedirectUriNamesTheChosenHostAndTheSocketIsAlways127001(RedirectHost host) throws Exception {
        try (LoopbackListener listener = LoopbackListener.open(LoopbackListener.Options.defaults().withRedirectHost(host))) {
            assertEquals("http://" + host.host() + ":" + listener.port(), listener.redirectUri().toString());
            assertEquals(List.of(LOOPBACK_HEX), RawHttp.listeningAddresses(listener.port()));

            RawHttp.Response response = RawHttp.send(listener.port(), "GET", callback(listener, "c"), host.host() + ":" + listener.port());

            assertEquals(200, response.status());
            assertEquals("c", listener.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void theStateIs256RandomBitsAndDiffersBetweenListeners() throws Exception {
        try (LoopbackListener a = open(); LoopbackListener b = open()) {
            assertTrue(a.state().matches("[A-Za-z0-9_-]{43}"), a.state());
            assertNotEquals(a.state(), b.state());
        }
    }

    @Test
    void aGenuineCallbackGetsTheStaticSuccessPageWithItsHeadersAndDeliversTheCode() throws Exception {
        LoopbackListener listener = open();
        int port = listener.port();

        RawHttp.Response response = RawHttp.get(port, callback(listener, "the-code"));
        String code = listener.awaitCode(Duration.ofSeconds(5));

        assertEquals("the-code", code);
        assertEquals(200, response.status());
        assertTrue(response.body().contains("Authentication successful"), response.body());
        assertSecurityHeaders(response);
        assertFalse(response.body().contains("the-code") || response.body().contains(listener.state()));
        assertFalse(response.body().contains("<script") || response.body().contains("src=") || response.body().contains("href="));
        assertClosed(port);
    }

    static void assertSecurityHeaders(RawHttp.Response response) {
        assertEquals("no-referrer", response.headers().get("referrer-policy"));
        assertEquals("no-store", response.headers().get("cache-control"));
        String csp = response.headers().get("content-security-policy");
        assertTrue(csp != null && csp.startsWith("default-src 'none'"), String.valueOf(csp));
        assertEquals("text/html; charset=utf-8", response.headers().get("content-type"));
        assertNull(response.headers().get("location"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"wrong", "missing", "empty", "prefix", "twice"})
    void aWrongOrMissingStateGets400AndTheListenerKeepsWaitingForTheGenuineCallback(String kind) throws Exception {
        try (LoopbackListener listener = open()) {
            String state = listener.state();
            String forged = switch (kind) {
                case "wrong" -> "/?code=forged&state=" + state.substring(1) + "x";
                case "missing" -> "/?code=forged";
                case "empty" -> "/?code=forged&state=";
                case "prefix" -> "/?code=forged&state=" + state.substring(0, 20);
                default -> "/?code=forged&state=" + state + "&state=" + state;
            };

            RawHttp.Response rejected = RawHttp.get(listener.port(), forged);
            RawHttp.Response genuine = RawHttp.get(listener.port(), callback(listener, "genuine"));

            assertEquals(400, rejected.status());
            assertSecurityHeaders(rejected);
            assertFalse(rejected.body().contains(state), "the 400 page does not reveal the state");
            assertEquals(200, genuine.status());
            assertEquals("genuine", listener.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void theStateIsSingleUse() throws Exception {
        try (LoopbackListener listener = open()) {
            RawHttp.Response first = RawHttp.get(listener.port(), callback(listener, "first"));
            RawHttp.Response replay = replayOrRefused(listener.port(), callback(listener, "second"));

            assertEquals(200, first.status());
            assertTrue(replay == null || replay.status() == 400, "a replayed state is refused: " + replay);
            assertEquals("first", listener.awaitCode(Duration.ofSeconds(5)));
        }
    }

    private static RawHttp.Response replayOrRefused(int port, String target) throws IOException {
        try {
            return RawHttp.get(port, target);
        } catch (ConnectException closedAlready) {
            return null;
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "GET, /favicon.ico", "GET, /callback", "GET, //", "GET, /%2F", "POST, /", "HEAD, /", "PUT, /", "OPTIONS, /",
            "GET, /robots.txt"})
    void otherPathsAndMethodsGet404WithoutConsumingTheState(String method, String path) throws Exception {
        try (LoopbackListener listener = open()) {
            String query = "?code=x&state=" + listener.state();

            RawHttp.Response other = RawHttp.send(listener.port(), method, path + query, "localhost:" + listener.port());
            RawHttp.Response genuine = RawHttp.get(listener.port(), callback(listener, "still-valid"));

            assertEquals(404, other.status());
            assertFalse(other.body().contains(listener.state()));
            assertEquals(200, genuine.status());
            assertEquals("still-valid", listener.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void getRootWithoutParametersDoesNotContainTheStateAndDoesNotEndTheWait() throws Exception {
        try (LoopbackListener listener = open();
             LoopbackListener withPath = LoopbackListener.open(LoopbackListener.Options.defaults().withCallbackPath("/callback"))) {
            RawHttp.Response root = RawHttp.get(listener.port(), "/");
            RawHttp.Response rootOfOther = RawHttp.get(withPath.port(), "/");

            assertEquals(400, root.status());
            assertEquals(404, rootOfOther.status());
            assertFalse(root.body().contains(listener.state()));
            assertFalse(rootOfOther.body().contains(withPath.state()));
            assertEquals("http://localhost:" + withPath.port() + "/callback", withPath.redirectUri().toString());
            assertEquals(200, RawHttp.get(withPath.port(), "/callback?code=p&state=" + withPath.state()).status());
            assertEquals("p", withPath.awaitCode(Duration.ofSeconds(5)));
            assertEquals(200, RawHttp.get(listener.port(), callback(listener, "r")).status());
            assertEquals("r", listener.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"evil.example", "evil.example:PORT", "127.0.0.1", "localhost:1", "127.0.0.2:PORT", "[::1]:PORT",
            "NONE"})
    void aForeignOrMissingHostIsRefusedWithoutConsumingTheState(String host) throws Exception {
        try (LoopbackListener listener = open()) {
            String header = host.equals("NONE") ? null : host.replace("PORT", Integer.toString(listener.port()));

            RawHttp.Response refused = RawHttp.send(listener.port(), "GET", callback(listener, "x"), header);

            assertEquals(403, refused.status());
            assertEquals(200, RawHttp.get(listener.port(), callback(listener, "ok")).status());
            assertEquals("ok", listener.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aCrossSiteOriginIsRefusedAndTheListenersOwnOriginIsNot() throws Exception {
        try (LoopbackListener listener = open()) {
            int port = listener.port();

            RawHttp.Response crossSite = RawHttp.send(port, "GET", callback(listener, "x"), "localhost:" + port,
                    "Origin: https://evil.example");
            RawHttp.Response nullOrigin = RawHttp.send(port, "GET", callback(listener, "x"), "localhost:" + port, "Origin: null");
            RawHttp.Response sameOrigin = RawHttp.send(port, "GET", callback(listener, "same"), "localhost:" + port,
                    "Origin: http://localhost:" + port);

            assertEquals(403, crossSite.status());
            assertEquals(403, nullOrigin.status());
            assertEquals(200, sameOrigin.status());
            assertEquals("same", listener.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void anErrorResponseIsEscapedInThePageAndReportedAsOneLine() throws Exception {
        LoopbackListener listener = open();
        String description = "AADSTS65004: User declined <script>alert('x')</script> & left.\r\n\u001b[31mTrace ID: 1";
        String target = "/?error=access_denied&error_description=" + URLEncoder.encode(description, StandardCharsets.UTF_8)
                + "&state=" + listener.state();

        RawHttp.Response page = RawHttp.get(listener.port(), target);
        AuthException e = assertThrows(AuthException.class, () -> listener.awaitCode(Duration.ofSeconds(5)));

        assertEquals(200, page.status());
        assertSecurityHeaders(page);
        assertFalse(page.body().contains("<script>"), page.body());
        assertTrue(page.body().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; left."), page.body());
        assertEquals(ExitCode.AUTHORIZATION, e.exitCode());
        assertTrue(e.getMessage().startsWith("Sign-in failed: access_denied: AADSTS65004: User declined"), e.getMessage());
        assertFalse(e.getMessage().contains("\u001b") || e.getMessage().contains("\n") || e.getMessage().contains("Trace ID"),
                e.getMessage());
        assertClosed(listener.port());
    }

    @Test
    void aRedirectParameterNeverCausesARedirect() throws Exception {
        try (LoopbackListener listener = open()) {
            RawHttp.Response forged = RawHttp.get(listener.port(), "/?redirect=https://evil.example&code=x&state=nope");
            RawHttp.Response genuine = RawHttp.get(listener.port(), callback(listener, "c") + "&redirect=https%3A%2F%2Fevil.example"
                    + "&redirect_uri=https%3A%2F%2Fevil.example&next=https%3A%2F%2Fevil.example");

            for (RawHttp.Response response : List.of(forged, genuine)) {
                assertTrue(response.status() < 300 || response.status() >= 400, "status " + response.status());
                assertNull(response.headers().get("location"));
                assertFalse(response.body().contains("evil.example"), response.body());
            }
        }
    }

    @Test
    void aBusyFixedPortIsOneLineNamingThePortAndTheOptions() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();

            AuthException e = assertThrows(AuthException.class,
                    () -> LoopbackListener.open(LoopbackListener.Options.defaults().withPorts(new PortRange(port, port))));

            assertEquals("Port " + port + " is already in use; choose another with --port P or --port-range A-B, or leave both"
                    + " out (and the profile's port range unset) for a random free port", e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void aPortBusyOnTheWildcardAddressIsBusyToo() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            int port = busy.getLocalPort();

            AuthException e = assertThrows(AuthException.class,
                    () -> LoopbackListener.open(LoopbackListener.Options.defaults().withPorts(new PortRange(port, port))));

            assertTrue(e.getMessage().startsWith("Port " + port + " is already in use"), e.getMessage());
        }
    }

    @Test
    void anExhaustedRangeIsOneLineNamingTheRangeAndAFreePortInARangeIsFound() throws Exception {
        List<ServerSocket> busy = new ArrayList<>();
        try {
            int first = consecutiveFreePorts(3);
            for (int p = first; p < first + 3; p++) {
                busy.add(new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1")));
            }
            PortRange range = new PortRange(first, first + 2);

            AuthException e = assertThrows(AuthException.class,
                    () -> LoopbackListener.open(LoopbackListener.Options.defaults().withPorts(range)));
            assertEquals("No free port in " + first + "-" + (first + 2) + ": every port of the range is in use; choose another"
                    + " range with --port-range A-B, or leave it out for a random free port in 49152-65535", e.getMessage());

            busy.remove(1).close();
            try (LoopbackListener listener = LoopbackListener.open(LoopbackListener.Options.defaults().withPorts(range))) {
                assertEquals(first + 1, listener.port());
            }
        } finally {
            for (ServerSocket s : busy) {
                s.close();
            }
        }
    }

    private static int consecutiveFreePorts(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                first = probe.getLocalPort();
            }
            if (first + count > 65535) {
                continue;
            }
            boolean free = true;
            for (int p = first; p < first + count && free; p++) {
                try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1"))) {
                    free = s.getLocalPort() == p;
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free && first >= 1024) {
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports found");
    }

    @Test
    void twoListenersAtOnceGetDifferentPortsAndEachOnlyItsOwnCallback() throws Exception {
        try (LoopbackListener a = open(); LoopbackListener b = open()) {
            assertNotEquals(a.port(), b.port());

            assertEquals(400, RawHttp.send(a.port(), "GET", "/?code=x&state=" + b.state(), "localhost:" + a.port()).status());
            assertEquals(200, RawHttp.get(b.port(), callback(b, "b")).status());
            assertEquals(200, RawHttp.get(a.port(), callback(a, "a")).status());
            assertEquals("a", a.awaitCode(Duration.ofSeconds(5)));
            assertEquals("b", b.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aFixedPortCanBeBoundAgainRightAfterASignInCompleted() throws Exception {
        int port;
        try (LoopbackListener first = open()) {
            port = first.port();
            RawHttp.get(port, callback(first, "one"));
            first.awaitCode(Duration.ofSeconds(5));
        }

        try (LoopbackListener again = LoopbackListener.open(LoopbackListener.Options.defaults().withPorts(new PortRange(port, port)))) {
            assertEquals(port, again.port());
        }
    }

    @Test
    void aTimeoutIsTheSeedsMessageWithExitCode14AndClosesThePort() throws Exception {
        LoopbackListener listener = open();
        long started = System.nanoTime();

        AuthException e = assertThrows(AuthException.class, () -> listener.awaitCode(Duration.ofMillis(1500)));

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ExitCode.TIMEOUT, e.exitCode());
        assertTrue(e.getMessage().startsWith("Timeout waiting for authentication callback after 1 s;"), e.getMessage());
        assertTrue(e.getMessage().contains("http://localhost"), e.getMessage());
        assertTrue(millis >= 1400 && millis < 5000, millis + " ms");
        assertClosed(listener.port());
    }

    @Test
    void interruptingTheWaitClosesThePort() throws Exception {
        LoopbackListener listener = open();
        AtomicReference<Thread> waiter = new AtomicReference<>();
        CompletableFuture<AuthException> failure = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            waiter.set(Thread.currentThread());
            try {
                listener.awaitCode(Duration.ofMinutes(1));
                failure.complete(null);
            } catch (AuthException e) {
                failure.complete(e);
            }
        });
        Thread.sleep(300);

        thread.interrupt();

        AuthException e = failure.get(5, TimeUnit.SECONDS);
        assertTrue(e != null && e.getMessage().contains("interrupted"), String.valueOf(e));
        assertClosed(listener.port());
    }

    @Test
    void slowAndMalformedConnectionsDoNotBlockTheGenuineCallback() throws Exception {
        try (LoopbackListener listener = open()) {
            try (Socket idle = new Socket("127.0.0.1", listener.port());
                 Socket garbage = new Socket("127.0.0.1", listener.port())) {
                garbage.getOutputStream().write("NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

                RawHttp.Response genuine = RawHttp.get(listener.port(), callback(listener, "through"));

                assertEquals(200, genuine.status());
                assertTrue(idle.isConnected());
            }
            assertEquals("through", listener.awaitCode(Duration.ofSeconds(5)));
        }
    }

    @Test
    void theDebugLogNamesWhatWasRefusedButNeverTheCodeOrTheState() throws Exception {
        try (LoopbackListener listener = open()) {
            RawHttp.get(listener.port(), "/favicon.ico");
            RawHttp.get(listener.port(), "/?code=forged-code&state=wrong");
            RawHttp.get(listener.port(), callback(listener, "secret-code"));
            listener.awaitCode(Duration.ofSeconds(5));
        }

        String log = String.join("\n", debug);
        assertTrue(log.contains("'/favicon.ico' (404)"), log);
        assertTrue(log.contains("wrong state (400)"), log);
        assertFalse(log.contains("secret-code") || log.contains("forged-code"), log);
    }
}
