package dev.entraauth.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dispatches requests to endpoints by method and path pattern, after recording them and applying any
 * injected fault; answers {@link OAuthError}s in Entra's shape and anything unmatched with 404.
 */
final class Router implements HttpHandler {
    /** An endpoint: gets the call and the path's named groups. */
    @FunctionalInterface
    interface Endpoint {
        void handle(Call call, Matcher path) throws IOException;
    }

    private record Route(String method, Pattern pattern, Endpoint endpoint) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final List<RecordedRequest> requests;
    private final Faults faults;
    /** Failures of the emulator itself, kept for tests to show: an emulator bug must not look like a client bug. */
    final List<String> bugs = new CopyOnWriteArrayList<>();

    Router(List<RecordedRequest> requests, Faults faults) {
        this.requests = requests;
        this.faults = faults;
    }

    Router on(String method, String regex, Endpoint endpoint) {
        routes.add(new Route(method, Pattern.compile(regex), endpoint));
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Call call = new Call(exchange);
            boolean control = call.path.startsWith("/_emulator/");
            if (!control) {
                record(call);
                Fault fault = faults.take(call.path);
                if (fault != null && apply(fault, call)) {
                    return;
                }
            }
            for (Route route : routes) {
                Matcher matcher = route.pattern.matcher(call.path);
                if (matcher.matches() && (route.method.equals(call.method) || route.method.equals("*"))) {
                    try {
                        route.endpoint.handle(call, matcher);
                    } catch (OAuthError e) {
                        if (!call.answered()) {
                            call.error(e);
                        }
                    } catch (RuntimeException e) {
                        if (!call.answered()) {
                            call.json(500, Map.of("error", "server_error", "error_description", "emulator bug: " + e));
                        }
                        java.io.StringWriter trace = new java.io.StringWriter();
                        e.printStackTrace(new java.io.PrintWriter(trace));
                        bugs.add(trace.toString());
                    }
                    return;
                }
            }
            call.json(404, Map.of("error", "not_found", "error_description", "no endpoint " + call.method + " " + call.path));
        }
    }

    /** {@return whether the fault answered the request (else it is handled normally)} */
    private static boolean apply(Fault fault, Call call) throws IOException {
        if (fault.delayMs() > 0) {
            try {
                Thread.sleep(fault.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fault.drop()) {
            return true; // closing the exchange without a response drops the connection
        }
        if (fault.status() > 0) {
            Map<String, String> headers = new java.util.HashMap<>();
            if (fault.retryAfter() > 0) {
                headers.put("Retry-After", Integer.toString(fault.retryAfter()));
            }
            if (fault.location() != null) {
                headers.put("Location", fault.location());
            }
            call.error(OAuthError.injected(fault.status(), fault.errorCode()), headers);
            return true;
        }
        return false;
    }

    private void record(Call call) {
        String grant = call.form().get("grant_type");
        String client = call.param("client_id");
        String scope = call.param("scope") != null ? call.param("scope") : call.param("resource");
        requests.add(new RecordedRequest(Instant.now(), call.method, call.path, grant, client, scope, call.header("Host")));
    }

    /** Faults waiting to be applied, in order. */
    static final class Faults {
        private final List<Fault> pending = new CopyOnWriteArrayList<>();

        void add(Fault fault) {
            pending.add(fault);
        }

        void clear() {
            pending.clear();
        }

        synchronized Fault take(String path) {
            for (int i = 0; i < pending.size(); i++) {
                Fault fault = pending.get(i);
                if (fault.pathPrefix() == null || path.startsWith(fault.pathPrefix())) {
                    if (fault.skip() > 0) {
                        pending.set(i, new Fault(fault.status(), fault.retryAfter(), fault.delayMs(), fault.drop(),
                                fault.count(), fault.pathPrefix(), fault.location(), fault.errorCode(), fault.skip() - 1));
                        continue;
                    }
                    if (fault.count() <= 1) {
                        pending.remove(i);
                    } else {
                        pending.set(i, new Fault(fault.status(), fault.retryAfter(), fault.delayMs(), fault.drop(),
                                fault.count() - 1, fault.pathPrefix(), fault.location(), fault.errorCode()));
                    }
                    return fault;
                }
            }
            return null;
        }
    }
}
