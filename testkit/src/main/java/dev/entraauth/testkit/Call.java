package dev.entraauth.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One HTTP exchange with its parsed query and form, and the ways to answer it. */
final class Call {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_BODY = 1 << 20;

    final HttpExchange exchange;
    final String method;
    final String path;
    final Map<String, String> query;
    final byte[] body;
    private Map<String, String> form;
    private boolean answered;

    Call(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod();
        this.path = exchange.getRequestURI().getRawPath();
        this.query = parse(exchange.getRequestURI().getRawQuery());
        this.body = exchange.getRequestBody().readNBytes(MAX_BODY);
    }

    /** The form of a urlencoded POST body (empty otherwise). */
    Map<String, String> form() {
        if (form == null) {
            String type = header("Content-Type");
            form = type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded")
                    ? parse(new String(body, StandardCharsets.UTF_8)) : Map.of();
        }
        return form;
    }

    /** A parameter from the form, else the query. */
    String param(String name) {
        String value = form().get(name);
        return value != null ? value : query.get(name);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    boolean answered() {
        return answered;
    }

    void json(int status, Object value) throws IOException {
        send(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value), Map.of("Cache-Control", "no-store"));
    }

    void html(int status, String html) throws IOException {
        send(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8),
                Map.of("Cache-Control", "no-store", "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action *"));
    }

    void redirect(String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(302, "text/plain", new byte[0], Map.of("Cache-Control", "no-store"));
    }

    void status(int status, Map<String, String> headers, Object json) throws IOException {
        send(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(json), headers);
    }

    /** Answers an error in Entra's JSON shape. */
    void error(OAuthError e) throws IOException {
        error(e, Map.of());
    }

    /** Answers an error in Entra's JSON shape, with extra headers (such as {@code Retry-After}). */
    void error(OAuthError e, Map<String, String> headers) throws IOException {
        Instant now = Instant.now();
        String trace = UUID.randomUUID().toString();
        String correlation = header("client-request-id") != null ? header("client-request-id") : UUID.randomUUID().toString();
        String description = (e.code == 0 ? "" : "AADSTS" + e.code + ": ") + e.getMessage() + "\r\nTrace ID: " + trace
                + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + TIMESTAMP.format(now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error);
        body.put("error_description", description);
        body.put("error_codes", e.codes());
        body.put("timestamp", TIMESTAMP.format(now));
        body.put("trace_id", trace);
        body.put("correlation_id", correlation);
        if (e.code != 0) {
            body.put("error_uri", "https://login.microsoftonline.com/error?code=" + e.code);
        }
        if (e.suberror != null) {
            body.put("suberror", e.suberror);
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cache-Control", "no-store");
        status(e.status, all, body);
    }

    private void send(int status, String type, byte[] bytes, Map<String, String> headers) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        answered = true;
    }

    static Map<String, String> parse(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.putIfAbsent(key, value);
        }
        return Collections.unmodifiableMap(map);
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
