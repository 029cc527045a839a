package dev.entraauth.flows.interactive.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's real Chromium, headless, started by the flow itself through a {@code BROWSER} script; the test fills in
 * the page the browser shows over the DevTools protocol (a WebSocket from java.net.http, no Selenium). Chromium is
 * told to accept the emulator's server certificate by its public key hash, which needs its own profile directory.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private final Path profile;
    private final Path script;
    private final Path urls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private WebSocket socket;
    private final Map<Integer, CompletableFuture<String>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    /**
     * @param dir    a fresh directory for the script, the profile and the log
     * @param server the emulator's HTTPS certificate
     */
    HeadlessChromium(Path dir, X509Certificate server) throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError("this test drives a real browser: install Debian's chromium (.ci/run does)");
        }
        this.profile = Files.createDirectories(dir.resolve("chromium-profile"));
        this.urls = dir.resolve("chromium-urls.txt");
        this.script = dir.resolve("chromium-browser");
        String spki = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(server.getPublicKey().getEncoded()));
        Files.writeString(script, "#!/bin/sh\n"
                + "printf '%s\\n' \"$1\" >> '" + urls + "'\n"
                + "exec " + CHROMIUM + " --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
                + " --disable-background-networking --disable-component-update --disable-sync --window-size=800,700"
                + " --user-data-dir='" + profile + "' --remote-debugging-port=0"
                + " --ignore-certificate-errors-spki-list=" + spki + " \"$1\" > '" + dir.resolve("chromium.log") + "' 2>&1\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    /** {@return the BROWSER value: the script, with %s for the URL} */
    String command() {
        return script + " %s";
    }

    /** {@return the URLs the script was asked to open} */
    java.util.List<String> opened() throws IOException {
        return Files.exists(urls) ? Files.readAllLines(urls) : java.util.List.of();
    }

    /** Waits for a page with this title and attaches to it. */
    void attachToPageTitled(String title, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        Path portFile = profile.resolve("DevToolsActivePort");
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            check(deadline, "Chromium did not start its DevTools server (see chromium.log)");
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().strip());
        Pattern target = Pattern.compile("\"title\":\\s*\"" + Pattern.quote(title) + "\",\\s*\"type\":\\s*\"page\","
                + "[^}]*?\"webSocketDebuggerUrl\":\\s*\"([^\"]+)\"");
        while (true) {
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = target.matcher(list);
            if (m.find()) {
                socket = http.newWebSocketBuilder().buildAsync(URI.create(m.group(1)), new Listener()).get(10, TimeUnit.SECONDS);
                return;
            }
            check(deadline, "no page titled '" + title + "' in " + list);
        }
    }

    private static void check(Instant deadline, String failure) throws InterruptedException {
        if (Instant.now().isAfter(deadline)) {
            throw new AssertionError(failure);
        }
        Thread.sleep(100);
    }

    /** Evaluates JavaScript in the page; returns the raw DevTools answer. */
    String evaluate(String expression) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        answers.put(id, answer);
        socket.sendText("{\"id\":" + id + ",\"method\":\"Runtime.evaluate\",\"params\":{\"expression\":" + json(expression)
                + ",\"returnByValue\":true}}", true).get(10, TimeUnit.SECONDS);
        return answer.get(20, TimeUnit.SECONDS);
    }

    /** Evaluates until the answer contains the text. */
    String awaitEvaluation(String expression, String expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (true) {
            try {
                last = evaluate(expression);
                if (last.contains(expected)) {
                    return last;
                }
            } catch (java.util.concurrent.TimeoutException navigating) {
                last = "(no answer while navigating)";
            }
            check(deadline, "'" + expression + "' never gave " + expected + "; last: " + last);
        }
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(profile.toString()))
                .forEach(ProcessHandle::destroy);
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(profile.toString()))
                .forEach(p -> {
                    try {
                        p.onExit().get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();
        private final Pattern id = Pattern.compile("^\\{\"id\":(\\d+),");

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                Matcher m = id.matcher(message);
                if (m.find()) {
                    CompletableFuture<String> answer = answers.remove(Integer.parseInt(m.group(1)));
                    if (answer != null) {
                        answer.complete(message.toString());
                    }
                }
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
