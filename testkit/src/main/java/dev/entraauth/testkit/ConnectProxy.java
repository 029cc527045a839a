package dev.entraauth.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy for tests that only tunnels, as HTTPS goes through a corporate proxy: it answers
 * {@code CONNECT host:port} with 200 and then copies bytes both ways between the client and the target, which it
 * resolves itself. A host and port given to {@link #route} go where that says, so a name no resolver knows, such as
 * {@link EntraEmulator#UNRESOLVABLE_HOST}, reaches the emulator through the proxy and only through it; any other
 * target is resolved by the JVM. Every request line it receives is recorded first; anything but {@code CONNECT} (a
 * plain-HTTP request sent through a proxy) is then refused with 501. It listens on 127.0.0.1 and a free port.
 *
 * <pre>{@code
 * try (EntraEmulator entra = EntraEmulator.start(); ConnectProxy proxy = ConnectProxy.start()) {
 *     proxy.route(EntraEmulator.UNRESOLVABLE_HOST, entra.address().getPort(), entra.address());
 *     // a client with HTTPS_PROXY=proxy.url() gets tokens from entra.baseUrl(EntraEmulator.UNRESOLVABLE_HOST)
 *     proxy.requests();                                 // ["CONNECT login.entra-emulator.test:443"]
 * }
 * }</pre>
 */
public final class ConnectProxy implements AutoCloseable {
    private static final int MAX_HEADER = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final ServerSocket server;
    private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "connect-proxy");
        thread.setDaemon(true);
        return thread;
    });

    private ConnectProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        executor.execute(this::accept);
    }

    /**
     * Starts a proxy on 127.0.0.1 and a free port.
     *
     * @return the running proxy; close it to stop
     */
    public static ConnectProxy start() {
        try {
            return new ConnectProxy();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the proxy", e);
        }
    }

    /** {@return the proxy's URL, {@code http://127.0.0.1:PORT}, as {@code HTTPS_PROXY} takes it} */
    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /**
     * Sends tunnels for {@code host:port} to {@code target} instead of resolving the host.
     *
     * @param host   the host name a client asks for (compared without case)
     * @param port   the port it asks for
     * @param target where the tunnel goes
     */
    public void route(String host, int port, InetSocketAddress target) {
        routes.put(host.toLowerCase(Locale.ROOT) + ":" + port, target);
    }

    /**
     * {@return the method and target of each request received, oldest first} {@code CONNECT host:port} for a tunnel,
     * such as {@code GET http://host/path} for a plain-HTTP request (refused).
     */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(this::close);
        executor.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                executor.execute(() -> handle(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        Socket upstream = null;
        boolean tunnelling = false;
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String[] requestLine = readRequestLine(in).split(" ");
            if (requestLine.length < 2) {
                answer(out, "400 Bad Request");
                return;
            }
            requests.add(requestLine[0] + " " + requestLine[1]);
            if (!requestLine[0].equals("CONNECT")) {
                answer(out, "501 Not Implemented");
                return;
            }
            InetSocketAddress address = resolve(requestLine[1]);
            if (address == null || address.isUnresolved()) {
                answer(out, "502 Bad Gateway");
                return;
            }
            upstream = new Socket();
            sockets.add(upstream);
            try {
                upstream.connect(address, CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                answer(out, "502 Bad Gateway");
                return;
            }
            out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Socket target = upstream;
            AtomicInteger pumps = new AtomicInteger(2);
            tunnelling = true;
            executor.execute(() -> pump(target, client, pumps));
            pump(client, target, pumps);
        } catch (IOException e) {
            // the client went away
        } finally {
            if (!tunnelling) {
                close(client);
                if (upstream != null) {
                    close(upstream);
                }
            }
        }
    }

    /** The target of {@code CONNECT host:port} ({@code [v6]:port} too): a route, else what the JVM resolves. */
    private InetSocketAddress resolve(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = authority.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(authority.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetSocketAddress routed = routes.get(host.toLowerCase(Locale.ROOT) + ":" + port);
        return routed != null ? routed : new InetSocketAddress(host, port);
    }

    /** Copies until the source ends, then ends the destination's output; the second pump to finish closes both. */
    private void pump(Socket source, Socket destination, AtomicInteger pumps) {
        try {
            source.getInputStream().transferTo(destination.getOutputStream());
            destination.shutdownOutput();
        } catch (IOException e) {
            close(source);
            close(destination);
        } finally {
            if (pumps.decrementAndGet() == 0) {
                close(source);
                close(destination);
            }
        }
    }

    /** The request line, after reading (and discarding) the headers up to the blank line, byte by byte. */
    private static String readRequestLine(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0 || header.size() >= MAX_HEADER) {
                throw new SocketException("no complete request header");
            }
            header.write(b);
            last4 = (last4 << 8) | b;
        }
        String text = header.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf("\r\n"));
    }

    private static void answer(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
