package dev.entraauth.flows.managedidentity.internal;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.aad.msal4j.ManagedIdentitySourceType;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * msal4j's transport for managed identity requests: each request is sent once by {@link EntraHttpClient} (never
 * through a proxy: the flow gives it an environment with {@code NO_PROXY=*}), retried here as
 * {@link ManagedIdentityRetries} says within the command's deadline (each attempt waits at most what is left of it,
 * so no source outlasts {@code --timeout}), an endpoint that accepts no connection ends the acquisition at once with
 * one line, and Azure Arc's challenge is answered with the file {@link ArcChallenge} checked and read.
 */
final class ManagedIdentityTransport implements IHttpClient {
    private final EntraHttpClient http;
    private final String source;
    private final boolean probe;
    private final Optional<ArcChallenge> arc;
    private final Sleeper sleeper;
    private final long deadlineNanos;
    private final Duration deadline;
    private final Duration probeTimeout;
    private final Duration firstAnswer;
    private final Duration requestTimeout;
    private final Consumer<String> debug;
    private int sent;
    private int lastStatus;
    private boolean answered;

    /**
     * @param http         sends one request
     * @param type         the managed identity source msal chose: its name is in the messages, and IMDS alone gets
     *                     the short first-answer bound
     * @param arc          the Arc challenge check, for the Azure Arc source only
     * @param deadline     how long the whole acquisition may take
     * @param probeTimeout the connect timeout, for messages
     * @param firstAnswer  how long IMDS may take to answer the first request once connected: its address may hold
     *                     something else that accepts connections and never answers, which must not hold the command
     *                     until its {@code --timeout}; the other sources' endpoints are declared by the environment
     *                     and may forward the first request to Entra (slow on a cold start): they get the request
     *                     timeout
     * @param requestTimeout how long a later request may wait for its answer (the client's request timeout)
     * @param sleeper      the clock and the waits between attempts
     * @param debug        the debug log
     */
    ManagedIdentityTransport(EntraHttpClient http, ManagedIdentitySourceType type, Optional<ArcChallenge> arc,
                             Duration deadline, Duration probeTimeout, Duration firstAnswer, Duration requestTimeout,
                             Sleeper sleeper, Consumer<String> debug) {
        this.http = http;
        this.source = ManagedIdentityFlow.sourceName(type);
        this.probe = ManagedIdentityFlow.isProbed(type);
        this.deadline = deadline;
        this.arc = arc;
        this.sleeper = sleeper;
        this.deadlineNanos = sleeper.nanoTime() + deadline.toNanos();
        this.probeTimeout = probeTimeout;
        this.firstAnswer = firstAnswer;
        this.requestTimeout = requestTimeout;
        this.debug = debug;
    }

    /** One attempt: the request sent once, waiting at most {@code timeout} for the answer, with more headers. */
    private interface Attempt {
        IHttpResponse send(Duration timeout, Map<String, String> headers) throws Exception;
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws Exception {
        return exchange(request.url(), (timeout, headers) -> http.sendOnce(request, timeout, headers));
    }

    /**
     * Sends a request built outside msal (Service Fabric's) with the same bounds, retries and messages.
     *
     * @param request the request
     * @return the final answer
     * @throws Exception a {@link TransportFailure} explaining why there is none
     */
    IHttpResponse send(java.net.http.HttpRequest request) throws Exception {
        return exchange(request.uri().toURL(), (timeout, headers) -> http.sendOnce(request, timeout));
    }

    private IHttpResponse exchange(URL url, Attempt once) throws Exception {
        long first = sleeper.nanoTime();
        // 410 has its own schedule (every 10 s for 70 s); the other statuses count their own retries, so a run of 410s
        // does not use up the retries of a 429 or 5xx that follows.
        int retries = 0;
        Map<String, String> authorization = Map.of();
        for (int attempt = 0; ; attempt++) {
            IHttpResponse response = sendOnce(url, once, authorization);
            lastStatus = response.statusCode();
            if (response.statusCode() == 401 && arc.isPresent()) {
                // Azure Arc's challenge, answered here (msal would check a fixed directory and follow links): the
                // file is checked, read once, and its content sent back as Basic authorization
                if (!authorization.isEmpty()) {
                    throw new TransportFailure(new AuthException(ExitCode.AUTHENTICATION, source + " at "
                            + origin(url) + " refused the content of the key file it named (HTTP 401 again);"
                            + " the Azure Connected Machine agent may have rotated it, try again"));
                }
                try {
                    authorization = Map.of("Authorization", "Basic " + arc.get().key(response.headers()));
                } catch (AuthException refused) {
                    throw new TransportFailure(refused);
                }
                debug.accept(source + " answered 401 with a challenge; answering it with the key file");
                continue;
            }
            Optional<Duration> retryAfter = header(response.headers(), "Retry-After")
                    .flatMap(v -> EntraHttpClient.retryAfter(v, Clock.systemUTC(), ManagedIdentityRetries.MAX_WAIT));
            Optional<Duration> wait = ManagedIdentityRetries.next(probe, response.statusCode(), retries,
                    Duration.ofNanos(sleeper.nanoTime() - first), retryAfter);
            if (wait.isEmpty()) {
                return response;
            }
            if (sleeper.nanoTime() + wait.get().toNanos() > deadlineNanos) {
                throw new TransportFailure(new AuthException(ExitCode.TIMEOUT, source + " at " + origin(url) + " answered HTTP "
                        + response.statusCode() + " and asks to try again in " + Math.max(1, wait.get().toSeconds())
                        + " s, after the --timeout; raise --timeout to let the CLI wait for it"));
            }
            if (response.statusCode() != 410) {
                retries++;
            }
            debug.accept(source + " answered " + response.statusCode() + ", retry " + (attempt + 1) + " in " + wait.get().toMillis() + " ms");
            sleeper.sleep(wait.get());
        }
    }

    /** {@return the status of the last answer, 0 before any} */
    int lastStatus() {
        return lastStatus;
    }

    /** {@return how many requests were sent (none when msal answered from its cache)} */
    int requestsSent() {
        return sent;
    }

    private IHttpResponse sendOnce(URL url, Attempt once, Map<String, String> headers) throws Exception {
        // IMDS's first answer has its short bound; every other answer the request timeout; none beyond the deadline
        boolean firstOfProbe = probe && !answered;
        Duration bound = firstOfProbe ? firstAnswer : requestTimeout;
        Duration left = Duration.ofNanos(deadlineNanos - sleeper.nanoTime());
        if (left.compareTo(Duration.ofMillis(1)) < 0) {
            throw new TransportFailure(outOfTime(url, null));
        }
        boolean limitedByDeadline = left.compareTo(bound) < 0;
        sent++;
        try {
            IHttpResponse response = once.send(limitedByDeadline ? left : bound, headers);
            answered = true;
            return response;
        } catch (HttpConnectTimeoutException | ConnectException | NoRouteToHostException | UnknownHostException e) {
            throw new TransportFailure(new AuthException(ExitCode.NETWORK, "no managed identity endpoint is reachable: "
                    + source + " at " + origin(url) + " " + why(e) + ". This machine has no managed identity"
                    + " (an Azure VM or scale set, App Service or Functions, Azure Arc, Cloud Shell or Service Fabric);"
                    + " use a profile with another --auth-method here", e));
        } catch (HttpTimeoutException e) {
            if (limitedByDeadline) {
                throw new TransportFailure(outOfTime(url, e));
            }
            if (firstOfProbe) {
                throw new TransportFailure(new AuthException(ExitCode.NETWORK, "no managed identity endpoint is reachable: "
                        + source + " at " + origin(url) + " accepted the connection but sent no answer within "
                        + firstAnswer.toMillis() / 1000.0 + " s. Something listens there that is not a managed identity"
                        + " endpoint; use a profile with another --auth-method here", e));
            }
            throw new TransportFailure(new AuthException(ExitCode.TIMEOUT, source + " at " + origin(url)
                    + " accepted the connection but sent no answer within " + bound.toMillis() / 1000.0
                    + " s; try again, or raise --timeout", e));
        } catch (javax.net.ssl.SSLHandshakeException e) {
            String why = e.getClass().getSimpleName();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.security.cert.CertificateException refused && refused.getMessage() != null) {
                    why = refused.getMessage();
                }
            }
            throw new TransportFailure(new AuthException(ExitCode.NETWORK, "the managed identity endpoint (" + source + " at "
                    + origin(url) + ") failed the TLS handshake: " + why, e));
        } catch (IOException e) {
            throw new TransportFailure(new AuthException(ExitCode.NETWORK, "the managed identity endpoint (" + source + " at "
                    + origin(url) + ") failed: " + e.getClass().getSimpleName(), e));
        }
    }

    /** The acquisition's {@code --timeout} is spent: one line, the timeout exit code. */
    private AuthException outOfTime(URL url, Exception cause) {
        return new AuthException(ExitCode.TIMEOUT, "no token from the managed identity endpoint (" + source + " at "
                + origin(url) + ") within the --timeout of " + Math.max(1, deadline.toSeconds()) + " s"
                + (lastStatus == 0 ? "" : " (its last answer: HTTP " + lastStatus + ")") + "; raise --timeout", cause);
    }

    private String why(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "accepted no connection within " + probeTimeout.toMillis() / 1000.0 + " s";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "cannot be resolved";
            }
        }
        return "refused the connection";
    }

    private static String origin(URL url) {
        return url.getProtocol() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static Optional<String> header(Map<String, List<String>> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream()).findFirst();
    }
}
