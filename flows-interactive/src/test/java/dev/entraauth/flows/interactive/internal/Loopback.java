package dev.entraauth.flows.interactive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a browser (or an attacker's page) sends to the flow's loopback listener, written byte for byte so a test
 * controls the Host header; the response is read up to its Content-Length, then the client closes first.
 */
final class Loopback {
    private Loopback() {
    }

    record Response(int status, Map<String, String> headers, String body) {
    }

    /** GETs a redirect such as {@code http://localhost:5000/?code=...&state=...} as a browser would. */
    static Response follow(String location) throws IOException {
        URI uri = URI.create(location);
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return send(uri.getPort(), "GET", target, uri.getHost() + ":" + uri.getPort());
    }

    static Response send(int port, String method, String target, String host) throws IOException {
        String request = method + " " + target + " HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                + "User-Agent: test\r\nConnection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return read(socket.getInputStream());
        }
    }

    static boolean accepts(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] last = new byte[4];
        while (!(last[0] == '\r' && last[1] == '\n' && last[2] == '\r' && last[3] == '\n')) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed inside the response head");
            }
            head.write(b);
            System.arraycopy(last, 1, last, 0, 3);
            last[3] = (byte) b;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }
}
