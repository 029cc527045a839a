package dev.entraauth.testkit;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * {@code /{tenant}/oauth2/v2.0/authorize}: checks the client and redirect URI (the port is ignored for
 * {@code http://localhost} and {@code http://127.0.0.1}, as Entra does: reply-url-localhost), then shows a
 * sign-in page a real browser fills and submits — or, with auto-approve, signs the seeded user in at once —
 * and redirects back with the code by query, fragment or {@code form_post} (v2-oauth2-auth-code-flow).
 */
final class AuthorizeEndpoint {
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private final EntraEmulator emulator;
    /** Sign-in requests waiting for the form, by an opaque context id (so the form carries no parameters). */
    private final Map<String, Map<String, String>> pending = new ConcurrentHashMap<>();

    AuthorizeEndpoint(EntraEmulator emulator) {
        this.emulator = emulator;
    }

    void get(Call call, Matcher path) throws IOException {
        Tenant tenant = emulator.tenant(path.group("tenant"));
        Map<String, String> request = new LinkedHashMap<>(call.query);
        Application app;
        try {
            app = check(tenant, request);
        } catch (OAuthError e) {
            page(call, 400, "Sign in", "<p class=error>AADSTS" + e.code + ": " + escape(e.getMessage()) + "</p>");
            return;
        }
        if (emulator.autoApprove()) {
            User user = emulator.seededUser(tenant);
            complete(call, tenant, app, user, request);
            return;
        }
        String context = Tokens.randomId(18);
        request.put("tenant", tenant.id());
        pending.put(context, request);
        signInPage(call, app, context, request.get("login_hint"), null);
    }

    void post(Call call, Matcher path) throws IOException {
        Tenant tenant = emulator.tenant(path.group("tenant"));
        Map<String, String> form = call.form();
        Map<String, String> request = pending.get(form.getOrDefault("ctx", ""));
        if (request == null) {
            page(call, 400, "Sign in", "<p class=error>AADSTS90014: The sign-in session expired or is unknown. Start again.</p>");
            return;
        }
        Application app = check(tenant, request);
        if (form.containsKey("cancel")) {
            pending.remove(form.get("ctx"));
            redirectError(call, request, "access_denied", "AADSTS65004: User declined to consent to access the app.");
            return;
        }
        User user = tenant.user(form.get("username")).filter(u -> u.password().equals(form.get("password"))).orElse(null);
        if (user == null) {
            signInPage(call, app, form.get("ctx"), form.get("username"),
                    "AADSTS50126: Error validating credentials due to invalid username or password.");
            return;
        }
        if (!"on".equals(form.get("consent"))) {
            signInPage(call, app, form.get("ctx"), form.get("username"), "Accept the permissions the app asks for, or cancel.");
            return;
        }
        pending.remove(form.get("ctx"));
        complete(call, tenant, app, user, request);
    }

    /** Checks what Entra checks before showing the sign-in page. */
    private Application check(Tenant tenant, Map<String, String> request) {
        String clientId = request.get("client_id");
        if (clientId == null) {
            throw OAuthError.invalidRequest(900144, "The request body must contain the following parameter: 'client_id'.");
        }
        Application app = tenant.application(clientId).orElseThrow(() -> OAuthError.applicationNotFound(clientId, tenant.id()));
        String redirect = request.get("redirect_uri");
        if (redirect == null || !registered(app, redirect)) {
            throw OAuthError.redirectMismatch(String.valueOf(redirect), clientId);
        }
        if (!"code".equals(request.get("response_type"))) {
            throw OAuthError.invalidRequest(900144, "The request body must contain response_type=code.");
        }
        Scopes.parse(request.get("scope"), tenant);
        String method = request.get("code_challenge_method");
        if (request.get("code_challenge") != null && method != null && !Set.of("S256", "plain").contains(method)) {
            throw OAuthError.invalidRequest(50146, "Unsupported code_challenge_method " + method + ".");
        }
        return app;
    }

    static boolean registered(Application app, String redirect) {
        if (app.redirectUris().contains(redirect)) {
            return true;
        }
        URI wanted;
        try {
            wanted = URI.create(redirect);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!"http".equals(wanted.getScheme()) || !Set.of("localhost", "127.0.0.1").contains(String.valueOf(wanted.getHost()))) {
            return false;
        }
        return app.redirectUris().stream().map(AuthorizeEndpoint::parse).anyMatch(r -> r != null
                && "http".equals(r.getScheme()) && wanted.getHost().equals(r.getHost())
                && normalizedPath(wanted).equals(normalizedPath(r)));
    }

    private static URI parse(String uri) {
        try {
            return URI.create(uri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String normalizedPath(URI uri) {
        return uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    }

    /** Issues the code (recording the user's consent) and returns to the app. */
    private void complete(Call call, Tenant tenant, Application app, User user, Map<String, String> request) throws IOException {
        Scopes scopes = Scopes.parse(request.get("scope"), tenant);
        if (scopes.resource() != null) {
            Set<String> names = scopes.isDefault() ? scopes.resource().delegatedScopes() : scopes.scopes();
            emulator.grants().consent(user.objectId(), app.clientId(), scopes.resource().identifier(), names);
        }
        String code = "1.A" + Tokens.randomId(64);
        emulator.grants().codes.put(code, new Grants.AuthCode(tenant.id(), app.clientId(), request.get("redirect_uri"),
                request.get("code_challenge"), request.get("code_challenge_method"), request.get("scope"), user.objectId(),
                request.get("nonce"), Instant.now().plus(CODE_LIFETIME)));
        Map<String, String> result = new LinkedHashMap<>();
        result.put("code", code);
        if (request.get("state") != null) {
            result.put("state", request.get("state"));
        }
        result.put("session_state", Tokens.randomId(16));
        respond(call, request, result);
    }

    private void redirectError(Call call, Map<String, String> request, String error, String description) throws IOException {
        Map<String, String> result = new LinkedHashMap<>();
        result.put("error", error);
        result.put("error_description", description);
        if (request.get("state") != null) {
            result.put("state", request.get("state"));
        }
        respond(call, request, result);
    }

    private void respond(Call call, Map<String, String> request, Map<String, String> result) throws IOException {
        String redirect = request.get("redirect_uri");
        if ("form_post".equals(request.get("response_mode"))) {
            StringBuilder inputs = new StringBuilder();
            result.forEach((k, v) -> inputs.append("<input type=hidden name=\"").append(escape(k)).append("\" value=\"")
                    .append(escape(v)).append("\">"));
            call.html(200, "<!doctype html><html><head><title>Working...</title></head><body onload=\"document.forms[0].submit()\">"
                    + "<form method=POST action=\"" + escape(redirect) + "\">" + inputs
                    + "<noscript><button type=submit>Continue</button></noscript></form></body></html>");
            return;
        }
        StringBuilder query = new StringBuilder();
        result.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=').append(Call.encode(v)));
        if ("fragment".equals(request.get("response_mode"))) {
            call.redirect(redirect + "#" + query);
            return;
        }
        call.redirect(redirect + (redirect.contains("?") ? "&" : "?") + query);
    }

    private void signInPage(Call call, Application app, String context, String username, String error) throws IOException {
        String body = "<h1>Sign in</h1><p>to continue to <b>" + escape(app.displayName()) + "</b></p>"
                + (error == null ? "" : "<p class=error id=error>" + escape(error) + "</p>")
                + "<form method=POST id=signin>"
                + "<input type=hidden name=ctx value=\"" + escape(context) + "\">"
                + "<label>Email<br><input id=username name=username type=email autocomplete=username value=\""
                + escape(username == null ? "" : username) + "\"></label><br>"
                + "<label>Password<br><input id=password name=password type=password autocomplete=current-password></label><br>"
                + "<label><input id=consent name=consent type=checkbox> Accept: " + escape(app.displayName())
                + " may read your profile and the data it asks for</label><br>"
                + "<button id=submit type=submit name=signin>Sign in</button> <button id=cancel type=submit name=cancel>Cancel</button>"
                + "</form>";
        page(call, 200, "Sign in to your account", body);
    }

    private static void page(Call call, int status, String title, String body) throws IOException {
        call.html(status, "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + escape(title)
                + "</title><style>body{font-family:sans-serif;max-width:28em;margin:3em auto}.error{color:#a00}</style></head><body>"
                + body + "<p><small>entra-auth-cli Entra ID emulator</small></p></body></html>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
