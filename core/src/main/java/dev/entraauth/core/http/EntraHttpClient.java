package dev.entraauth.core.http;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import dev.entraauth.api.EntraAuthException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * msal4j's HTTP transport for entra-auth-cli: java.net.http with connect and response timeouts (msal's own
 * default waits forever), environment proxies, the merged CA bundle, no redirects (a token POST never
 * follows one), and retries on connection failures (connect timeouts included: nothing was sent), 429, 500
 * and 502–504 with exponential backoff and jitter, honouring {@code Retry-After} up to a cap — never on OAuth
 * 4xx errors, and not after AADSTS50196.
 */
public final class EntraHttpClient implements IHttpClient {
    private static final Set<Integer> RETRYABLE = Set.of(429, 500, 502, 503, 504);
    private final HttpClient client;
    private final HttpSettings settings;
    private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<Runnable> beforeNext = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * @param settings timeouts, trust, proxies and the debug log
     * @throws EntraAuthException when the CA bundle cannot be read
     */
    public EntraHttpClient(HttpSettings settings) throws EntraAuthException {
        this(settings, TrustStores.context(settings.caBundle()));
    }

    /**
     * A client that trusts what the given TLS context trusts instead of the JDK's CAs and the bundle: a caller
     * that pins a server's certificate (Service Fabric's managed identity endpoint, by thumbprint).
     *
     * @param settings   timeouts, proxies and the debug log (the CA bundle is not used)
     * @param sslContext the TLS context
     */
    public EntraHttpClient(HttpSettings settings, javax.net.ssl.SSLContext sslContext) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(new EnvironmentProxySelector(settings.environment()))
                .sslContext(sslContext)
                .build();
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        return toMsal(exchange(toJdk(request), request.httpMethod() + " " + withoutQuery(request.url().toString()),
                settings.maxAttempts()));
    }

    /**
     * Sends a request built outside msal exactly once, waiting at most {@code timeout} for the answer, and gives
     * the answer as msal's type (for a caller that retries as it does for msal's requests).
     *
     * @param request the request
     * @param timeout how long to wait for the answer once connected
     * @return the response, whatever its status
     * @throws Exception the connection failure or timeout
     */
    public IHttpResponse sendOnce(java.net.http.HttpRequest request, Duration timeout) throws Exception {
        java.net.http.HttpRequest outgoing = java.net.http.HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(timeout).build();
        return toMsal(exchange(outgoing, request.method() + " " + withoutQuery(request.uri().toString()), 1));
    }

    /** {@return how long a request waits for its answer (the settings' request timeout)} */
    public Duration requestTimeout() {
        return settings.requestTimeout();
    }

    /**
     * Sends the request exactly once: no retry on a connection failure or a retryable status, for a caller that
     * has its own pacing (device-code polling, RFC 8628 §3.5). Timeouts, trust, proxies and the log are the same.
     *
     * @param request the request
     * @return the response, whatever its status
     * @throws Exception the connection failure or timeout
     */
    public IHttpResponse sendOnce(HttpRequest request) throws Exception {
        return toMsal(exchange(toJdk(request), request.httpMethod() + " " + withoutQuery(request.url().toString()), 1));
    }

    /**
     * Sends the request exactly once, waiting at most {@code timeout} for the answer instead of the settings'
     * request timeout: a caller probing an endpoint that may accept connections and never answer (managed identity).
     *
     * @param request the request
     * @param timeout how long to wait for the answer once connected
     * @return the response, whatever its status
     * @throws Exception the connection failure or timeout ({@link java.net.http.HttpTimeoutException})
     */
    public IHttpResponse sendOnce(HttpRequest request, Duration timeout) throws Exception {
        return sendOnce(request, timeout, Map.of());
    }

    /**
     * Sends the request exactly once with more headers than msal gave it (Azure Arc's {@code Authorization}, which
     * the managed identity transport adds once it has checked the challenge), waiting at most {@code timeout}.
     *
     * @param request the request
     * @param timeout how long to wait for the answer once connected
     * @param headers headers to add (never logged)
     * @return the response, whatever its status
     * @throws Exception the connection failure or timeout ({@link java.net.http.HttpTimeoutException})
     */
    public IHttpResponse sendOnce(HttpRequest request, Duration timeout, Map<String, String> headers) throws Exception {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(toJdk(request), (name, value) -> true)
                .timeout(timeout);
        headers.forEach(builder::setHeader);
        java.net.http.HttpRequest outgoing = builder.build();
        return toMsal(exchange(outgoing, request.httpMethod() + " " + withoutQuery(request.url().toString()), 1));
    }

    /**
     * A GET outside msal (an OpenID discovery document, a key set), with the same timeouts, proxies, trust,
     * retries and debug log as token requests.
     *
     * @param uri an https URL
     * @return the response, whatever its status
     * @throws IOException          when the server cannot be reached (after the retries) or does not answer in time
     * @throws InterruptedException when interrupted while waiting to retry
     */
    public HttpResponse<String> get(java.net.URI uri) throws IOException, InterruptedException {
        java.net.http.HttpRequest outgoing = java.net.http.HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("Accept", "application/json").GET().build();
        return exchange(outgoing, "GET " + withoutQuery(uri.toString()), settings.maxAttempts());
    }

    /**
     * A request outside msal (Microsoft Graph, for example), with the same timeouts (unless the request has its
     * own), proxies, trust and debug log as token requests.
     *
     * @param request   the request
     * @param retryable {@code true} for a request that may be sent again (a GET): retried like token requests;
     *                  {@code false} for one that must not be repeated (a POST that creates something): sent once
     * @return the response, whatever its status
     * @throws IOException          when the server cannot be reached or does not answer in time
     * @throws InterruptedException when interrupted while waiting to retry
     */
    public HttpResponse<String> request(java.net.http.HttpRequest request, boolean retryable) throws IOException, InterruptedException {
        java.net.http.HttpRequest outgoing = request.timeout().isPresent() ? request
                : java.net.http.HttpRequest.newBuilder(request, (name, value) -> true).timeout(settings.requestTimeout()).build();
        return exchange(outgoing, request.method() + " " + withoutQuery(request.uri().toString()), retryable ? settings.maxAttempts() : 1);
    }

    private HttpResponse<String> exchange(java.net.http.HttpRequest outgoing, String target, int maxAttempts)
            throws IOException, InterruptedException {
        IOException lastFailure = null;
        Runnable announce = beforeNext.getAndSet(null);
        if (announce != null) {
            announce.run();
        }
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            sent.incrementAndGet();
            try {
                HttpResponse<String> response = client.send(outgoing, HttpResponse.BodyHandlers.ofString());
                settings.debug().accept(target + " -> " + response.statusCode() + " in " + millis(started) + " ms");
                boolean retryable = RETRYABLE.contains(response.statusCode()) && !response.body().contains("AADSTS50196");
                if (!retryable || attempt >= maxAttempts) {
                    return response;
                }
                pause(retryAfter(response).orElse(backoff(attempt)), target, attempt, "HTTP " + response.statusCode());
            } catch (HttpConnectTimeoutException e) {
                // No connection, so nothing was sent: a connection failure like a refused one, retried. A busy machine
                // (many processes starting at once) can take longer than the connect timeout for the TLS handshake.
                lastFailure = e;
                settings.debug().accept(target + " could not connect within " + millis(started) + " ms");
                if (attempt >= maxAttempts) {
                    throw lastFailure;
                }
                pause(backoff(attempt), target, attempt, "connect timeout");
            } catch (HttpTimeoutException e) {
                settings.debug().accept(target + " timed out after " + millis(started) + " ms");
                throw e;
            } catch (IOException e) {
                lastFailure = e;
                settings.debug().accept(target + " failed: " + e.getClass().getSimpleName());
                if (attempt >= maxAttempts) {
                    throw lastFailure;
                }
                pause(backoff(attempt), target, attempt, e.getClass().getSimpleName());
            }
        }
    }

    /**
     * Runs an action once, just before the next request goes out (not at all if none does): a flow announces
     * "Refreshing expired token..." only when msal really goes to the network.
     *
     * @param action what to run
     */
    public void beforeNextRequest(Runnable action) {
        beforeNext.set(action);
    }

    /** {@return how many HTTP requests this client has sent (a token answered from the cache sent none)} */
    public int requestsSent() {
        return sent.get();
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) throws URISyntaxException {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(request.url().toURI())
                .timeout(settings.requestTimeout());
        boolean contentType = false;
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            if (isRestricted(header.getKey())) {
                continue;
            }
            contentType |= header.getKey().equalsIgnoreCase("Content-Type");
            builder.header(header.getKey(), header.getValue());
        }
        switch (request.httpMethod()) {
            case POST -> {
                if (!contentType) {
                    builder.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
                }
                builder.POST(java.net.http.HttpRequest.BodyPublishers.ofString(request.body() == null ? "" : request.body()));
            }
            case GET -> builder.GET();
            default -> builder.method(request.httpMethod().name(), request.body() == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        }
        return builder.build();
    }

    private static boolean isRestricted(String name) {
        return Set.of("connection", "content-length", "expect", "host", "upgrade").contains(name.toLowerCase(java.util.Locale.ROOT));
    }

    private static com.microsoft.aad.msal4j.HttpResponse toMsal(HttpResponse<String> response) {
        com.microsoft.aad.msal4j.HttpResponse msal = new com.microsoft.aad.msal4j.HttpResponse()
                .statusCode(response.statusCode())
                .body(response.body());
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        msal.addHeaders(headers);
        return msal;
    }

    /** {@code Retry-After} as seconds or an HTTP-date, capped. */
    private java.util.Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After")
                .flatMap(value -> retryAfter(value, java.time.Clock.systemUTC(), settings.maxRetryWait()));
    }

    /**
     * @param value the {@code Retry-After} header: seconds, or an HTTP-date (RFC 9110 §10.2.3)
     * @param clock now
     * @param cap   the longest wait honoured
     * @return how long to wait, capped; empty when the value is neither form
     */
    public static java.util.Optional<Duration> retryAfter(String value, java.time.Clock clock, Duration cap) {
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                wait = Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notDate) {
                return java.util.Optional.empty();
            }
        }
        if (wait.isNegative()) {
            wait = Duration.ZERO;
        }
        return java.util.Optional.of(wait.compareTo(cap) > 0 ? cap : wait);
    }

    /** 0.5 s, 1 s, 2 s, … with ±25 % jitter, capped. */
    private Duration backoff(int attempt) {
        long base = 500L << Math.min(attempt - 1, 10);
        long jittered = (long) (base * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
        return Duration.ofMillis(Math.min(jittered, settings.maxRetryWait().toMillis()));
    }

    private void pause(Duration wait, String target, int attempt, String why) throws InterruptedException {
        settings.debug().accept(target + ": " + why + ", retry " + attempt + " in " + wait.toMillis() + " ms");
        Thread.sleep(wait.toMillis());
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Query strings may carry codes or tokens: logs show scheme, host and path only. */
    static String withoutQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }
}
