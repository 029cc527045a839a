package dev.entraauth.core.msal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.HttpMethod;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.Sleeper;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The device-code polling policy of RFC 8628 §3.5, as the msal4j transport of one device-code sign-in. msal4j
 * 1.26 keeps polling only on {@code authorization_pending}, sleeping the server's {@code interval} (0 when the
 * server leaves it out); {@code slow_down} and a network error end its loop. This transport sits under msal and
 * makes the loop right:
 *
 * <ul>
 *   <li>it reads the devicecode answer: {@code interval} (5 s when absent) and {@code expires_in}, counted from
 *       when the request was sent;</li>
 *   <li>every poll (a token request with the device-code grant) waits until the current interval has passed since
 *       the previous poll's answer (or since the devicecode answer), whatever msal slept;</li>
 *   <li>{@code slow_down} adds 5 s to the interval for all later polls; a connection failure, a timeout, 429 or a
 *       5xx doubles it (up to 60 s, never lowering it). msal is told {@code authorization_pending} for each, so it
 *       polls again; a poll is one request, never retried inside the transport; an answer carrying AADSTS50196
 *       (Entra saw a client request loop) stops polling instead;</li>
 *   <li>no poll is sent at or after {@code expires_in}: msal is told {@code expired_token}. No poll is sent after the
 *       overall deadline either: the transport throws an {@link HttpTimeoutException} and {@link #timedOut()} says so;</li>
 *   <li>any other answer — the token, {@code authorization_declined}, {@code access_denied}, {@code expired_token},
 *       {@code bad_verification_code}, or an error it does not know — goes to msal as it came; after an error no
 *       further poll is sent (a later one is answered with the same error, without a request).</li>
 * </ul>
 *
 * The debug log says what the policy decided (interval, back-off, expiry), never the device code. Every other
 * request goes to the retrying transport unchanged. One instance serves one sign-in at a time.
 */
public final class DeviceCodePolling implements IHttpClient {
    /** The interval when the server sends none (RFC 8628 §3.2). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** What {@code slow_down} adds to the interval (RFC 8628 §3.5). */
    public static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    /** The longest interval doubling reaches after connection failures or server errors. */
    public static final Duration MAX_BACKOFF_INTERVAL = Duration.ofSeconds(60);

    private static final Set<String> DEVICE_GRANTS = Set.of("device_code", "urn:ietf:params:oauth:grant-type:device_code");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IHttpClient transport;
    private final IHttpClient poller;
    private final Sleeper timer;
    private final long deadline;
    private final Duration timeout;
    private final Consumer<String> debug;

    private long interval = DEFAULT_INTERVAL.toNanos();
    private long expiresIn;
    private long expiresAt;
    private boolean expires;
    private long lastAnswer;
    private String stoppedWith;
    private boolean timedOut;
    private int polls;

    /**
     * @param http    the CLI's transport: polls go through {@link EntraHttpClient#sendOnce}, everything else
     *                through its retrying {@code send}
     * @param timeout the overall deadline of the sign-in, from now ({@code --timeout})
     * @param debug   where the policy's decisions are logged ({@code --debug}); never a code
     */
    public DeviceCodePolling(EntraHttpClient http, Duration timeout, Consumer<String> debug) {
        this(http, http::sendOnce, timeout, debug, Sleeper.SYSTEM);
    }

    DeviceCodePolling(IHttpClient transport, IHttpClient poller, Duration timeout, Consumer<String> debug, Sleeper timer) {
        this.transport = transport;
        this.poller = poller;
        this.timer = timer;
        this.timeout = timeout;
        this.deadline = timer.nanoTime() + timeout.toNanos();
        this.debug = debug;
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        String path = request.url().getPath();
        if (request.httpMethod() == HttpMethod.POST && path.endsWith("/devicecode")) {
            long sent = timer.nanoTime();
            IHttpResponse response = transport.send(request);
            if (response.statusCode() == 200) {
                started(response.body(), sent);
            }
            return response;
        }
        if (request.httpMethod() == HttpMethod.POST && path.endsWith("/token") && DEVICE_GRANTS.contains(grantType(request.body()))) {
            return poll(request);
        }
        return transport.send(request);
    }

    /** {@return whether polling stopped because the overall deadline passed (not the code's expiry)} */
    public synchronized boolean timedOut() {
        return timedOut;
    }

    /** {@return the device code's lifetime as the server announced it, or zero before a code was issued} */
    public synchronized Duration expiresIn() {
        return Duration.ofNanos(expiresIn);
    }

    /** {@return the interval the next poll waits for: the server's, after slow_down and back-off} */
    public synchronized Duration interval() {
        return Duration.ofNanos(interval);
    }

    /** {@return how many polls were sent} */
    public synchronized int polls() {
        return polls;
    }

    /** {@return the overall deadline this policy was given} */
    public Duration timeout() {
        return timeout;
    }

    private synchronized void started(String body, long sent) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            answer = JSON.createObjectNode();
        }
        long seconds = positive(answer == null ? null : answer.get("interval"));
        interval = seconds > 0 ? Duration.ofSeconds(seconds).toNanos() : DEFAULT_INTERVAL.toNanos();
        long lifetime = positive(answer == null ? null : answer.get("expires_in"));
        expires = lifetime > 0;
        expiresIn = Duration.ofSeconds(lifetime).toNanos();
        expiresAt = sent + expiresIn;
        lastAnswer = timer.nanoTime();
        stoppedWith = null;
        timedOut = false;
        polls = 0;
        debug.accept("device code: polling every " + seconds(interval) + " s" + (seconds > 0 ? "" : " (no interval sent; RFC 8628's default)")
                + (expires ? ", the code expires in " + lifetime + " s" : ", no expires_in sent"));
    }

    private synchronized IHttpResponse poll(HttpRequest request) throws Exception {
        if (stoppedWith != null) {
            return error(stoppedWith, "entra-auth-cli stopped polling after " + stoppedWith + "; no request was sent");
        }
        long due = lastAnswer + interval;
        boolean expiryFirst = expires && expiresAt - deadline <= 0;
        long stop = expiryFirst ? expiresAt : deadline;
        if (due - stop >= 0) {
            sleepUntil(stop);
            if (expiryFirst) {
                stoppedWith = "expired_token";
                debug.accept("device code: expired after " + seconds(expiresIn) + " s; no poll after expires_in");
                return error("expired_token", "entra-auth-cli: the device code expired after " + seconds(expiresIn)
                        + " s; no poll was sent after that");
            }
            timedOut = true;
            stoppedWith = "expired_token";
            debug.accept("device code: the deadline of " + timeout.toSeconds() + " s passed; no poll after it");
            throw new HttpTimeoutException("no sign-in within the deadline of " + timeout.toSeconds() + " s");
        }
        sleepUntil(due);
        polls++;
        IHttpResponse response;
        try {
            response = poller.send(request);
        } catch (IOException e) {   // a refused or reset connection, a response timeout, TLS trouble
            return backOff(e.getClass().getSimpleName());
        } finally {
            lastAnswer = timer.nanoTime();
        }
        int status = response.statusCode();
        boolean loop = response.body() != null && response.body().contains("AADSTS50196");
        if ((status == 429 || status >= 500) && !loop) {
            return backOff("HTTP " + status);
        }
        if (loop) {   // Entra saw a client request loop: stop, as every retry does (NF2)
            stoppedWith = "AADSTS50196";
            debug.accept("device code poll " + polls + ": AADSTS50196 (client request loop); polling stops");
            return response;
        }
        if (status == 200) {
            stoppedWith = "authorization_complete";
            return response;
        }
        String error = errorOf(response.body());
        switch (error) {
            case "authorization_pending" -> {
                return response;
            }
            case "slow_down" -> {
                interval += SLOW_DOWN_STEP.toNanos();
                debug.accept("device code poll " + polls + ": slow_down; polling every " + seconds(interval) + " s from now");
                return error("authorization_pending", "entra-auth-cli: slow_down answered; the next poll waits " + seconds(interval) + " s");
            }
            default -> {
                stoppedWith = error;
                debug.accept("device code poll " + polls + ": " + error + "; polling stops");
                return response;
            }
        }
    }

    private IHttpResponse backOff(String why) {
        long doubled = Math.min(interval * 2, MAX_BACKOFF_INTERVAL.toNanos());
        interval = Math.max(interval, doubled);
        debug.accept("device code poll " + polls + ": " + why + "; polling every " + seconds(interval) + " s from now");
        return error("authorization_pending", "entra-auth-cli: " + why + " while polling; the next poll waits " + seconds(interval) + " s");
    }

    private void sleepUntil(long at) throws InterruptedException {
        long wait = at - timer.nanoTime();
        if (wait > 0) {
            timer.sleep(Duration.ofNanos(wait));
        }
    }

    /** An answer as msal reads a token-endpoint error (the body is what msal parses; the status only has to be 400). */
    private static IHttpResponse error(String error, String description) {
        HttpResponse response = new HttpResponse().statusCode(400)
                .body("{\"error\":\"" + error + "\",\"error_description\":\"" + description.replace("\"", "'") + "\"}");
        response.addHeaders(Map.of("Content-Type", List.of("application/json; charset=utf-8")));
        return response;
    }

    private static String errorOf(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            return node != null && node.hasNonNull("error") ? node.get("error").asText() : "unknown_error";
        } catch (IOException e) {
            return "unknown_error";
        }
    }

    private static long positive(JsonNode node) {
        if (node == null) {
            return 0;
        }
        long value = node.isNumber() ? node.asLong() : node.isTextual() ? parse(node.asText()) : 0;
        return Math.max(0, value);
    }

    private static long parse(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String grantType(String form) {
        if (form == null) {
            return null;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("grant_type")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String seconds(long nanos) {
        long millis = Duration.ofNanos(nanos).toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
