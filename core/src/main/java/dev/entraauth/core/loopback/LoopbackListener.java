package dev.entraauth.core.loopback;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.profile.PortRange;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The loopback redirect listener of the browser sign-in flows (RFC 8252 §7.3, SECURITY-CHECKLIST LB1–LB6): a
 * minimal HTTP/1.1 server on {@code 127.0.0.1} that waits for the one authorization response of one sign-in.
 *
 * <ul>
 *   <li>LB1: it binds {@code 127.0.0.1} only, without {@code SO_REUSEADDR} (the JDK binds exclusively on Windows),
 *       on a random free port of the profile's range ({@link PortRange#DYNAMIC} by default); it is opened by
 *       {@link #open} when the flow starts and closed after the first valid callback, the timeout, an interruption
 *       or {@link #close}.</li>
 *   <li>LB2: the redirect URI names {@code localhost} or {@code 127.0.0.1} ({@link RedirectHost}); the socket is
 *       always {@code 127.0.0.1}.</li>
 *   <li>LB3: {@link #state()} is 256 bits from {@link SecureRandom}, compared in constant time and used once; a
 *       callback with a missing or wrong state gets 400 and the listener keeps waiting.</li>
 *   <li>LB5: only {@code GET} on the exact callback path is served, everything else is 404 without touching the
 *       state; the {@code Host} header must be {@code 127.0.0.1:<port>} or {@code localhost:<port>}, and an
 *       {@code Origin} other than the listener's own is refused (403). No page holds the state or the authorize
 *       URL.</li>
 *   <li>LB6: every page is static HTML without external resources, sent with {@code Referrer-Policy: no-referrer},
 *       {@code Cache-Control: no-store} and {@code Content-Security-Policy: default-src 'none'}; Entra's
 *       {@code error} and {@code error_description} are HTML-escaped; nothing is ever redirected.</li>
 * </ul>
 *
 * <p>After answering, the listener waits briefly for the browser to close the connection first, so the
 * {@code TIME_WAIT} state stays with the browser's socket and a fixed {@code --port} can be bound again at once
 * without {@code SO_REUSEADDR}.
 */
public final class LoopbackListener implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_CONNECTIONS = 16;
    private static final int READ_TIMEOUT_MILLIS = 5000;
    private static final int DRAIN_MILLIS = 1000;
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/-]*");

    private final ServerSocketChannel server;
    private final int port;
    private final String state;
    private final Options options;
    private final URI redirectUri;
    private final Set<String> allowedHosts;
    private final Set<String> allowedOrigins;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Object stateLock = new Object();
    private boolean stateUsed;
    private volatile boolean closed;
    private volatile Thread acceptor;

    private LoopbackListener(ServerSocketChannel server, Options options) {
        this.server = server;
        this.port = server.socket().getLocalPort();
        this.options = options;
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        this.state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String path = options.callbackPath().equals("/") ? "" : options.callbackPath();
        this.redirectUri = URI.create("http://" + options.redirectHost().host() + ":" + port + path);
        this.allowedHosts = Set.of("127.0.0.1:" + port, "localhost:" + port);
        this.allowedOrigins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
    }

    /**
     * Binds the listener and starts accepting connections.
     *
     * @param options the port range, redirect host, callback path and debug log
     * @return the open listener; close it (try-with-resources) when the flow ends
     * @throws AuthException when the port is in use, the range is exhausted, or the socket cannot be opened
     */
    public static LoopbackListener open(Options options) throws AuthException {
        Objects.requireNonNull(options, "options");
        ServerSocketChannel server = bind(options.ports());
        LoopbackListener listener = new LoopbackListener(server, options);
        options.debug().accept("loopback listener on 127.0.0.1:" + listener.port + ", redirect URI " + listener.redirectUri);
        listener.acceptor = Thread.ofPlatform().daemon().name("entra-auth-loopback-" + listener.port).start(listener::acceptLoop);
        return listener;
    }

    private static ServerSocketChannel bind(PortRange wanted) throws AuthException {
        PortRange range = wanted == null ? PortRange.DYNAMIC : wanted;
        InetAddress loopback;
        try {
            loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        int size = range.to() - range.from() + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int candidate = range.from() + (start + i) % size;
            ServerSocketChannel socket = null;
            try {
                // An IPv4 socket: never the dual-stack [::ffff:127.0.0.1] the JDK would open otherwise.
                socket = ServerSocketChannel.open(StandardProtocolFamily.INET);
                socket.setOption(StandardSocketOptions.SO_REUSEADDR, false);
                socket.bind(new InetSocketAddress(loopback, candidate), 50);
                return socket;
            } catch (BindException inUse) {
                closeQuietly(socket);
            } catch (IOException e) {
                closeQuietly(socket);
                throw new AuthException(ExitCode.IO, "cannot open the loopback listener on 127.0.0.1:" + candidate + ": "
                        + e.getMessage(), e);
            }
        }
        if (size == 1) {
            throw new AuthException(ExitCode.ERROR, "Port " + range.from() + " is already in use; choose another with --port P"
                    + " or --port-range A-B, or leave both out (and the profile's port range unset) for a random free port");
        }
        throw new AuthException(ExitCode.ERROR, "No free port in " + range + ": every port of the range is in use; choose"
                + " another range with --port-range A-B, or leave it out for a random free port in " + PortRange.DYNAMIC);
    }

    /** {@return the port the listener is bound to, on 127.0.0.1} */
    public int port() {
        return port;
    }

    /** {@return the redirect URI to send in the authorize and token requests, such as {@code http://localhost:51234}} */
    public URI redirectUri() {
        return redirectUri;
    }

    /** {@return the state to send in the authorize request: 256 random bits, base64url; valid once} */
    public String state() {
        return state;
    }

    /**
     * Waits for the authorization response, then closes the listener.
     *
     * @param timeout how long to wait
     * @return the authorization code
     * @throws AuthException on timeout, interruption, or when Entra ID answered with an error
     */
    public String awaitCode(Duration timeout) throws AuthException {
        try {
            Outcome result = outcome.get(Math.max(timeout.toNanos(), 0), TimeUnit.NANOSECONDS);
            return switch (result) {
                case Outcome.Code c -> c.code();
                case Outcome.Failed f -> throw AuthorizationErrors.of(f.error(), f.description());
                case Outcome.Closed ignored -> throw new AuthException(ExitCode.ERROR,
                        "the loopback listener was closed before the authentication callback arrived");
            };
        } catch (TimeoutException e) {
            throw new AuthException(ExitCode.TIMEOUT, "Timeout waiting for authentication callback after "
                    + Durations.format(timeout) + "; finish signing in within --timeout (raise it if needed), and check that"
                    + " the app registration has the redirect URI http://" + options.redirectHost().host()
                    + (options.callbackPath().equals("/") ? "" : options.callbackPath()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException(ExitCode.ERROR, "interrupted while waiting for the authentication callback", e);
        } catch (ExecutionException e) {
            throw new AuthException(ExitCode.ABNORMAL, "the loopback listener failed: " + e.getCause(), e.getCause());
        } finally {
            close();
        }
    }

    /** Stops listening and drops every open connection; a waiting {@link #awaitCode} ends. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(server);
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
        // A channel closed while a thread blocks in accept() releases its port when that thread has left accept().
        // close() also runs when the wait was interrupted, with the interrupt flag set again: that flag would end
        // join() at once and leave the port open, so it is cleared for the join and restored afterwards.
        Thread accepting = acceptor;
        if (accepting != null && accepting != Thread.currentThread()) {
            boolean interrupted = Thread.interrupted();
            try {
                accepting.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (outcome.complete(new Outcome.Closed())) {
            options.debug().accept("loopback listener on 127.0.0.1:" + port + " closed");
        }
    }

    /** {@return whether the socket was bound with {@code SO_REUSEADDR}; always false (for the LB1 test)} */
    boolean reusesAddress() throws IOException {
        return server.getOption(StandardSocketOptions.SO_REUSEADDR);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept().socket();
            } catch (IOException e) {
                if (!closed) {
                    outcome.completeExceptionally(e);
                }
                return;
            }
            if (!slots.tryAcquire()) {
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            Thread.ofVirtual().name("entra-auth-loopback-connection").start(() -> {
                try {
                    serve(socket);
                } finally {
                    connections.remove(socket);
                    closeQuietly(socket);
                    slots.release();
                }
            });
        }
    }

    private void serve(Socket socket) {
        Outcome accepted = null;
        try {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Request request = Request.read(in);
            Answer answer = request == null ? Answer.page(400, Pages.BAD_REQUEST) : answer(request);
            accepted = answer.outcome();
            write(socket.getOutputStream(), answer);
            // Let the browser close first: TIME_WAIT then stays on its side, not on our port.
            socket.setSoTimeout(DRAIN_MILLIS);
            try {
                while (in.read() >= 0) {
                    // discard anything more the client sends
                }
            } catch (SocketTimeoutException ignored) {
                // the client kept the connection open; close it ourselves
            }
        } catch (IOException e) {
            // a broken or slow connection: nothing to answer; a consumed state still counts
        } finally {
            closeQuietly(socket);
            if (accepted != null) {
                outcome.complete(accepted);
            }
        }
    }

    /** Decides the answer to one request; consumes the state only for a valid callback. */
    private Answer answer(Request request) {
        String host = request.headers().get("host");
        if (host == null || !allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            options.debug().accept("loopback: refused a request with Host " + Sanitize.forLog(host) + " (403)");
            return Answer.page(403, Pages.FORBIDDEN);
        }
        String origin = request.headers().get("origin");
        if (origin != null && !allowedOrigins.contains(origin.toLowerCase(Locale.ROOT))) {
            options.debug().accept("loopback: refused a request with Origin " + Sanitize.forLog(origin) + " (403)");
            return Answer.page(403, Pages.FORBIDDEN);
        }
        if (!request.method().equals("GET") || !request.path().equals(options.callbackPath())) {
            options.debug().accept("loopback: " + Sanitize.forLog(request.method()) + " " + Sanitize.forLog(request.path()) + " (404)");
            return Answer.page(404, Pages.NOT_FOUND);
        }
        Map<String, String> query = request.query();
        if (query == null) {
            options.debug().accept("loopback: a callback with a malformed or repeated parameter (400)");
            return Answer.page(400, Pages.BAD_REQUEST);
        }
        String error = query.get("error");
        String code = query.get("code");
        if (error == null && (code == null || code.isEmpty())) {
            options.debug().accept("loopback: a callback with neither code nor error (400)");
            return Answer.page(400, Pages.BAD_REQUEST);
        }
        synchronized (stateLock) {
            if (stateUsed || closed || !stateMatches(query.get("state"))) {
                options.debug().accept("loopback: a callback with a " + (query.containsKey("state") ? "wrong" : "missing")
                        + " state (400); still waiting");
                return Answer.page(400, Pages.WRONG_STATE);
            }
            stateUsed = true;
        }
        if (error != null) {
            String description = query.getOrDefault("error_description", "");
            options.debug().accept("loopback: Entra ID answered with error " + Sanitize.forLog(error));
            return new Answer(200, Pages.failure(error, description), new Outcome.Failed(error, description));
        }
        options.debug().accept("loopback: the authorization response arrived");
        return new Answer(200, Pages.SUCCESS, new Outcome.Code(code));
    }

    private boolean stateMatches(String given) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(state.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(OutputStream out, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + answer.status() + " " + reason(answer.status()) + "\r\n"
                + "Content-Type: text/html; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Cache-Control: no-store\r\n"
                + "Pragma: no-cache\r\n"
                + "Referrer-Policy: no-referrer\r\n"
                + "Content-Security-Policy: default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "X-Frame-Options: DENY\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            default -> "Error";
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
    }

    /**
     * How to open a listener.
     *
     * @param ports        the ports to choose from, or null for {@link PortRange#DYNAMIC}
     * @param redirectHost the host the redirect URI names
     * @param callbackPath the exact path served, {@code /} by default (then the redirect URI has no path)
     * @param debug        where redacted diagnostic lines go (no query strings, no state)
     */
    public record Options(PortRange ports, RedirectHost redirectHost, String callbackPath, Consumer<String> debug) {
        /** Validates the parts. */
        public Options {
            Objects.requireNonNull(redirectHost, "redirectHost");
            Objects.requireNonNull(debug, "debug");
            if (callbackPath == null || !PATH.matcher(callbackPath).matches() || callbackPath.contains("//")
                    || callbackPath.contains("/./") || callbackPath.contains("/../")) {
                throw new IllegalArgumentException("callback path '" + callbackPath + "' is not a plain absolute path");
            }
        }

        /** {@return a random free port in 49152–65535, redirect host {@code localhost}, path {@code /}, no debug log} */
        public static Options defaults() {
            return new Options(null, RedirectHost.LOCALHOST, "/", line -> { });
        }

        /** @param range the ports, or null for the default @return changed options */
        public Options withPorts(PortRange range) {
            return new Options(range, redirectHost, callbackPath, debug);
        }

        /** @param host the redirect host @return changed options */
        public Options withRedirectHost(RedirectHost host) {
            return new Options(ports, host, callbackPath, debug);
        }

        /** @param path the callback path @return changed options */
        public Options withCallbackPath(String path) {
            return new Options(ports, redirectHost, path, debug);
        }

        /** @param log the debug log @return changed options */
        public Options withDebug(Consumer<String> log) {
            return new Options(ports, redirectHost, callbackPath, log);
        }
    }

    /** How the wait ended. */
    private sealed interface Outcome {
        record Code(String code) implements Outcome {
        }

        record Failed(String error, String description) implements Outcome {
        }

        record Closed() implements Outcome {
        }
    }

    private record Answer(int status, String body, Outcome outcome) {
        static Answer page(int status, String body) {
            return new Answer(status, body, null);
        }
    }

    /** One parsed request head; the body is never read. */
    private record Request(String method, String path, String rawQuery, Map<String, String> headers) {

        /** {@return the request, or null when it is not a well-formed HTTP/1.x request head} */
        static Request read(InputStream in) throws IOException {
            byte[] buffer = new byte[MAX_HEADER_BYTES];
            int length = 0;
            while (true) {
                int b = in.read();
                if (b < 0 || length == buffer.length) {
                    return null;
                }
                buffer[length++] = (byte) b;
                if (length >= 4 && buffer[length - 4] == '\r' && buffer[length - 3] == '\n' && buffer[length - 2] == '\r'
                        && buffer[length - 1] == '\n') {
                    break;
                }
            }
            String[] lines = new String(buffer, 0, length - 4, StandardCharsets.ISO_8859_1).split("\r\n", -1);
            String[] requestLine = lines[0].split(" ", -1);
            if (requestLine.length != 3 || !requestLine[2].matches("HTTP/1\\.[01]") || !requestLine[1].startsWith("/")) {
                return null;
            }
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                int colon = line.indexOf(':');
                if (colon <= 0 || line.startsWith(" ") || line.startsWith("\t")) {
                    return null;
                }
                String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                if ((name.equals("host") || name.equals("origin")) && headers.containsKey(name)) {
                    return null;
                }
                headers.put(name, line.substring(colon + 1).strip());
            }
            String target = requestLine[1];
            int question = target.indexOf('?');
            String path = question < 0 ? target : target.substring(0, question);
            String rawQuery = question < 0 ? "" : target.substring(question + 1);
            int hash = rawQuery.indexOf('#');
            if (hash >= 0) {
                rawQuery = rawQuery.substring(0, hash);
            }
            return new Request(requestLine[0], path, rawQuery, Map.copyOf(headers));
        }

        /** {@return the decoded query parameters, or null when one is malformed or the same name appears twice} */
        Map<String, String> query() {
            Map<String, String> parameters = new HashMap<>();
            Set<String> seen = new HashSet<>();
            if (rawQuery.isEmpty()) {
                return parameters;
            }
            try {
                for (String pair : rawQuery.split("&", -1)) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (!seen.add(name)) {
                        return null;
                    }
                    parameters.put(name, value);
                }
            } catch (IllegalArgumentException malformed) {
                return null;
            }
            return parameters;
        }
    }
}
