package dev.entraauth.flows.authcode.internal;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.core.msal.Pkce;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a person pastes after signing in for a web app whose redirect URI is not this machine: the whole
 * address the browser was sent to (code and state in its fragment or query), or just the code. A pasted address
 * must be the registered redirect URI and carry this request's state; an error Entra put there is reported.
 */
final class PastedRedirect {
    private PastedRedirect() {
    }

    /**
     * @param pasted   the line as pasted
     * @param redirect the registered redirect URI
     * @param pkce     this request's state
     * @return the authorization code
     * @throws AuthException when the line holds no code, another sign-in's state, or Entra's error
     */
    static String code(String pasted, URI redirect, Pkce pkce) throws AuthException {
        String text = pasted.strip();
        if (text.isEmpty()) {
            throw new AuthException(ExitCode.USAGE, "nothing was pasted; sign in again and paste the address the browser shows");
        }
        if (!text.contains("://")) {
            if (!text.matches("[A-Za-z0-9._~+/=-]+")) {
                throw new AuthException(ExitCode.USAGE, "the pasted text is neither an address nor an authorization code");
            }
            return text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new AuthException(ExitCode.USAGE, "the pasted address is not a URL: " + e.getReason());
        }
        if (!sameEndpoint(uri, redirect)) {
            throw new AuthException(ExitCode.USAGE, "the pasted address is not the redirect URI " + redirect
                    + "; paste the address the browser was sent to after sign-in");
        }
        Map<String, String> parameters = parameters(uri.getRawFragment());
        parameters.putAll(parameters(uri.getRawQuery()));
        String error = parameters.get("error");
        if (error != null) {
            String description = parameters.getOrDefault("error_description", "");
            ExitCode exit = "access_denied".equals(error) ? ExitCode.AUTHENTICATION : ExitCode.AUTHORIZATION;
            throw new AuthException(exit, "sign-in failed: " + error + (description.isEmpty() ? "" : ": " + firstLine(description)));
        }
        if (!pkce.stateMatches(parameters.get("state"))) {
            throw new AuthException(ExitCode.AUTHENTICATION, "the pasted address does not belong to this sign-in (its state does"
                    + " not match); sign in again with the address printed now");
        }
        String code = parameters.get("code");
        if (code == null || code.isBlank()) {
            throw new AuthException(ExitCode.USAGE, "the pasted address carries no authorization code");
        }
        return code;
    }

    private static boolean sameEndpoint(URI pasted, URI redirect) {
        return redirect.getScheme().equalsIgnoreCase(pasted.getScheme())
                && redirect.getHost().equalsIgnoreCase(pasted.getHost() == null ? "" : pasted.getHost())
                && redirect.getPort() == pasted.getPort()
                && normalizedPath(redirect).equals(normalizedPath(pasted));
    }

    private static String normalizedPath(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static Map<String, String> parameters(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.putIfAbsent(name, value);
        }
        return result;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
