package dev.entraauth.flows.managedidentity.internal;

import com.microsoft.aad.msal4j.IHttpResponse;
import com.microsoft.aad.msal4j.ManagedIdentitySourceType;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.JsonBodies;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Service Fabric's managed identity, spoken here rather than through msal4j: msal 1.26 sends it through a static
 * client of its own (the JVM's proxy, no bounds of ours, every host name accepted, the pin read from the process's
 * environment rather than the CLI's) with its own retry policy, and offers no supported way to replace it. The
 * protocol (Service Fabric's "how to use managed identity"): {@code GET IDENTITY_ENDPOINT?api-version=2019-07-01-preview
 * &resource=R} with the header {@code secret: IDENTITY_HEADER}, over TLS to a self-signed certificate pinned by its
 * SHA-1 thumbprint ({@code IDENTITY_SERVER_THUMBPRINT}, {@link ThumbprintTrust}); the answer is
 * {@code {token_type, access_token, expires_on, resource}}. The request goes through {@link ManagedIdentityTransport}
 * like every other source's: no proxy, the connect bound, the retry schedule, and
 * no attempt beyond what is left of {@code --timeout} (nothing else bounds this source: it is not behind msal's future).
 */
final class ServiceFabric {
    static final String API_VERSION = "2019-07-01-preview";

    private ServiceFabric() {
    }

    static TokenResult acquire(TokenRequest request, FlowContext context, Map<String, String> environment, String resource,
                               ManagedIdentityFlow flow) throws AuthException {
        String sourceName = ManagedIdentityFlow.sourceName(ManagedIdentitySourceType.SERVICE_FABRIC);
        Profile profile = request.profile();
        String endpoint = environment.get("IDENTITY_ENDPOINT");
        String secret = environment.get("IDENTITY_HEADER");
        String thumbprint = environment.get("IDENTITY_SERVER_THUMBPRINT");
        URI uri;
        try {
            uri = URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + "api-version=" + API_VERSION + "&resource="
                    + encode(resource) + identityQuery(profile));
        } catch (IllegalArgumentException e) {
            throw new AuthException(ExitCode.CONFIG, "IDENTITY_ENDPOINT is not a URL (" + e.getMessage() + ")", e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new AuthException(ExitCode.CONFIG, "IDENTITY_ENDPOINT is not https; Service Fabric's managed identity"
                    + " endpoint is always https with the certificate IDENTITY_SERVER_THUMBPRINT names");
        }
        EntraHttpClient http;
        try {
            http = new EntraHttpClient(ManagedIdentityFlow.directSettings(context, request), new ThumbprintTrust(thumbprint).context());
        } catch (GeneralSecurityException e) {
            throw new AuthException(ExitCode.ABNORMAL, "cannot set up TLS: " + e.getMessage(), e);
        }
        ManagedIdentityTransport transport = flow.transport(http, ManagedIdentitySourceType.SERVICE_FABRIC, request, context);
        HttpRequest get = HttpRequest.newBuilder(uri).header("secret", secret).GET().build();
        IHttpResponse response;
        try {
            response = transport.send(get);
        } catch (TransportFailure known) {
            throw known.failure();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException(ExitCode.ERROR, "interrupted", e);
        } catch (Exception e) {
            throw new AuthException(ExitCode.NETWORK, sourceName + " failed: " + e.getClass().getSimpleName(), e);
        }
        Map<String, Object> body = JsonBodies.object(response.body());
        if (response.statusCode() != 200) {
            int status = response.statusCode();
            ExitCode exit = status == 401 || status == 403 ? ExitCode.AUTHENTICATION
                    : ManagedIdentityRetries.isRetryable(status) && status != 404 ? ExitCode.SERVICE : ExitCode.ERROR;
            throw new AuthException(exit, sourceName + ": HTTP " + status + ": " + errorOf(body)
                    + (exit == ExitCode.SERVICE ? " (after the retries)" : ""));
        }
        String token = text(body.get("access_token"));
        long expiresOn;
        try {
            expiresOn = Long.parseLong(text(body.get("expires_on")));
        } catch (NumberFormatException e) {
            throw new AuthException(ExitCode.SERVICE, sourceName + " answered without a token and its expiry (expires_on)");
        }
        if (token.isEmpty()) {
            throw new AuthException(ExitCode.SERVICE, sourceName + " answered without an access_token");
        }
        return new TokenResult(token, "Bearer", Instant.ofEpochSecond(expiresOn), List.copyOf(request.scopes()),
                ManagedIdentityFlow.tenantOf(profile, token), false);
    }

    /** A user-assigned identity as msal names it in the query; none for the system-assigned one. */
    private static String identityQuery(Profile profile) {
        if (profile.clientId() != null) {
            return "&client_id=" + encode(profile.clientId());
        }
        if (profile.managedIdentityId() != null) {
            return (profile.managedIdentityIsResourceId() ? "&msi_res_id=" : "&object_id=") + encode(profile.managedIdentityId());
        }
        return "";
    }

    private static String text(Object value) {
        return value == null || value instanceof Map || value instanceof List ? "" : String.valueOf(value);
    }

    /** Service Fabric's {@code {"error": {"code", "message"}}}, or OAuth's {@code error}/{@code error_description}. */
    private static String errorOf(Map<String, Object> body) {
        Object error = body.get("error");
        String text = error instanceof Map<?, ?> nested ? text(nested.get("code")) + ": " + text(nested.get("message"))
                : text(error) + (body.containsKey("error_description") ? ": " + text(body.get("error_description")) : "");
        text = text.replaceAll("\\p{Cntrl}", " ").strip();
        if (text.isEmpty() || text.equals(":")) {
            return "no error in the answer";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
