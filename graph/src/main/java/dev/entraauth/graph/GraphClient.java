package dev.entraauth.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.core.http.EntraHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Microsoft Graph v1.0 for the CLI: finding applications, reading one by client id, the permissions its service
 * principal exposes, and creating a client secret. Every call asks {@link Tokens} for a token with the
 * permission it needs (the caller signs in, or answers from its cache); HTTP goes through the CLI's client
 * (timeouts, proxies, CA bundle, retries for reads — a secret is created with exactly one request).
 */
public final class GraphClient {
    /** Gives Graph tokens. */
    @FunctionalInterface
    public interface Tokens {
        /**
         * @param permissions the Graph permissions the call needs, for example {@code Application.Read.All}
         * @return an access token for Microsoft Graph with them
         * @throws EntraAuthException when no token can be had (sign-in failed, cancelled, …)
         */
        String accessToken(List<String> permissions) throws EntraAuthException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLIENT_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_PAGES = 20;
    private static final List<String> NOT_FOUND_CAUSES = List.of("Causes:", "- App was deleted", "- Client ID is incorrect",
            "- You don't have read access to the app");

    private final URI base;
    private final EntraHttpClient http;
    private final Tokens tokens;
    private final Clock clock;

    /**
     * @param graphBase the Graph root, for example {@code https://graph.microsoft.com} ({@code /v1.0} is added)
     * @param http      the HTTP client
     * @param tokens    where tokens come from
     * @param clock     the clock secret expiry is counted from
     */
    public GraphClient(URI graphBase, EntraHttpClient http, Tokens tokens, Clock clock) {
        String text = graphBase.toString();
        this.base = URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + "/v1.0");
        this.http = http;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Finds the applications whose display name matches, sorted by name.
     *
     * @param pattern the name with {@code *} wildcards
     * @return the matches, possibly none
     * @throws EntraAuthException a {@link GraphException} when Graph refuses or cannot be reached, or the token's
     */
    public List<AppRegistration> findApplications(SearchPattern pattern) throws EntraAuthException {
        String token = tokens.accessToken(GraphAccess.READ);
        StringBuilder query = new StringBuilder("/applications?$select=id,appId,displayName,createdDateTime,publisherDomain,identifierUris&$top=999");
        boolean search = pattern.narrowing() == SearchPattern.Narrowing.SEARCH;
        switch (pattern.narrowing()) {
            case STARTS_WITH -> query.append("&$filter=").append(encode("startswith(displayName," + pattern.odataLiteral() + ")"));
            case SEARCH -> query.append("&$search=").append(encode("\"displayName:" + pattern.literal().orElseThrow() + "\""));
            case ALL -> { }
        }
        List<AppRegistration> found = new ArrayList<>();
        URI next = URI.create(base + query.toString());
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(next).GET();
            if (search) {
                request.header("ConsistencyLevel", "eventual");
            }
            JsonNode body = call(request, token, true, "searching applications", null);
            for (JsonNode app : body.path("value")) {
                AppRegistration registration = application(app);
                if (pattern.matches(registration.displayName())) {
                    found.add(registration);
                }
            }
            String link = body.path("@odata.nextLink").asText("");
            next = link.isEmpty() ? null : URI.create(link);
        }
        found.sort((a, b) -> a.displayName().compareToIgnoreCase(b.displayName()));
        return List.copyOf(found);
    }

    /**
     * @param clientId an application (client) id
     * @return the application
     * @throws EntraAuthException a {@link GraphException} ({@link GraphException.Problem#NOT_FOUND} naming the id)
     */
    public AppRegistration application(String clientId) throws EntraAuthException {
        return application(clientId, GraphAccess.READ);
    }

    /**
     * The permissions an application exposes to others: its service principal's delegated scopes and app roles.
     *
     * @param clientId the application's client id (Microsoft Graph's for Graph)
     * @return scopes first, then roles, each sorted by value; empty when the app has no service principal here
     * @throws EntraAuthException a {@link GraphException} when Graph refuses or cannot be reached
     */
    public List<ExposedPermission> exposedPermissions(String clientId) throws EntraAuthException {
        requireClientId(clientId);
        String token = tokens.accessToken(GraphAccess.READ);
        JsonNode body;
        try {
            body = call(HttpRequest.newBuilder(URI.create(base + "/servicePrincipals(appId='" + clientId + "')")).GET(), token,
                    true, "reading the permissions of application " + clientId, clientId);
        } catch (GraphException e) {
            if (e.problem() == GraphException.Problem.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
        List<ExposedPermission> permissions = new ArrayList<>();
        for (JsonNode scope : body.path("oauth2PermissionScopes")) {
            if (scope.path("isEnabled").asBoolean(true)) {
                permissions.add(new ExposedPermission(scope.path("value").asText(), ExposedPermission.Kind.SCOPE,
                        scope.path("adminConsentDescription").asText(scope.path("userConsentDescription").asText(""))));
            }
        }
        for (JsonNode role : body.path("appRoles")) {
            boolean forApps = false;
            for (JsonNode type : role.path("allowedMemberTypes")) {
                forApps |= "Application".equals(type.asText());
            }
            if (forApps && role.path("isEnabled").asBoolean(true)) {
                permissions.add(new ExposedPermission(role.path("value").asText(), ExposedPermission.Kind.ROLE,
                        role.path("description").asText("")));
            }
        }
        permissions.sort(java.util.Comparator.comparing(ExposedPermission::kind).thenComparing(ExposedPermission::value));
        return List.copyOf(permissions);
    }

    /**
     * Creates a client secret in the application: named {@code EAC-EXP-DD-MMM-YY} after its end, 180 days from
     * now. Never deletes or changes the application's other secrets (rotation keeps the old one working).
     *
     * @param clientId    the application's client id
     * @param permissions the permission to sign in with ({@link GraphAccess#CREATE_SECRET} or
     *                    {@link GraphAccess#CREATE_SECRET_OWNED})
     * @return the new secret, with its value
     * @throws EntraAuthException a {@link GraphException}: insufficient permissions, not found, network, …
     */
    public CreatedSecret createSecret(String clientId, List<String> permissions) throws EntraAuthException {
        AppRegistration app = application(clientId, permissions);
        String token = tokens.accessToken(permissions);
        Instant expiry = SecretNames.expiry(clock.instant());
        String name = SecretNames.name(expiry);
        ObjectNode credential = JSON.createObjectNode();
        credential.putObject("passwordCredential").put("displayName", name).put("endDateTime", expiry.toString());
        JsonNode body = call(HttpRequest.newBuilder(URI.create(base + "/applications/" + encode(app.objectId()) + "/addPassword"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(credential.toString())),
                token, false, "creating client secret", clientId);
        String value = body.path("secretText").asText("");
        if (value.isEmpty()) {
            throw new GraphException(GraphException.Problem.SERVICE,
                    "Error creating client secret: Microsoft Graph answered without the secret's value", List.of());
        }
        Instant end = expiry;
        try {
            end = Instant.parse(body.path("endDateTime").asText(expiry.toString()));
        } catch (DateTimeParseException e) {
            // Keep the end asked for; Graph echoes it.
        }
        return new CreatedSecret(app, body.path("keyId").asText(""), body.path("displayName").asText(name), end, value.toCharArray());
    }

    private AppRegistration application(String clientId, List<String> permissions) throws EntraAuthException {
        requireClientId(clientId);
        String token = tokens.accessToken(permissions);
        JsonNode body = call(HttpRequest.newBuilder(URI.create(base + "/applications(appId='" + clientId + "')")).GET(),
                token, true, "reading application " + clientId, clientId);
        return application(body);
    }

    private JsonNode call(HttpRequest.Builder request, String token, boolean retryable, String doing, String clientId)
            throws GraphException {
        HttpResponse<String> response;
        try {
            response = http.request(request.header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                    retryable);
        } catch (IOException e) {
            throw new GraphException(GraphException.Problem.NETWORK, "Error " + doing + ": Network error occurred ("
                    + describe(e) + " for " + base.getHost() + ")", List.of("Check the network connection and proxy settings, then try again."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphException(GraphException.Problem.NETWORK, "Error " + doing + ": interrupted", List.of());
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new GraphException(GraphException.Problem.SERVICE, "Error " + doing
                        + ": Microsoft Graph answered with something that is not JSON", List.of());
            }
        }
        String code = errorCode(response.body());
        switch (status) {
            case 401 -> throw new GraphException(GraphException.Problem.UNAUTHENTICATED, "Error " + doing
                    + ": Microsoft Graph did not accept the sign-in (" + code + ")", List.of("Sign in again, then retry."));
            case 403 -> throw new GraphException(GraphException.Problem.INSUFFICIENT_PERMISSIONS,
                    doing.startsWith("creating") ? "Insufficient permissions to create client secret."
                            : "Insufficient permissions for " + doing + ".",
                    List.of("Required permission: " + (doing.startsWith("creating")
                            ? "Application.ReadWrite.All or Application.ReadWrite.OwnedBy"
                            : "Application.Read.All")));
            case 404 -> throw new GraphException(GraphException.Problem.NOT_FOUND, clientId == null
                    ? "Error " + doing + ": not found (" + code + ")"
                    : "Application with client ID '" + clientId + "' not found.", NOT_FOUND_CAUSES);
            default -> throw new GraphException(GraphException.Problem.SERVICE, "Error " + doing + ": Microsoft Graph answered HTTP "
                    + status + " (" + code + ")", List.of());
        }
    }

    private static AppRegistration application(JsonNode app) {
        Optional<Instant> created = Optional.empty();
        try {
            String text = app.path("createdDateTime").asText("");
            created = text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            // Shown as unknown.
        }
        String domain = app.path("publisherDomain").asText("");
        List<String> uris = new ArrayList<>();
        app.path("identifierUris").forEach(u -> uris.add(u.asText()));
        return new AppRegistration(app.path("id").asText(), app.path("appId").asText(), app.path("displayName").asText(""),
                created, domain.isEmpty() ? Optional.empty() : Optional.of(domain), uris);
    }

    private static String errorCode(String body) {
        try {
            String code = JSON.readTree(body).path("error").path("code").asText("");
            return code.isEmpty() ? "no error code" : code;
        } catch (IOException e) {
            return "no error code";
        }
    }

    private static String describe(IOException e) {
        String kind = e instanceof java.net.http.HttpTimeoutException ? "no answer in time"
                : e instanceof java.net.ConnectException ? "connection refused"
                : e.getCause() instanceof java.nio.channels.UnresolvedAddressException || e instanceof java.net.UnknownHostException
                ? "host not found"
                : e.getClass().getSimpleName();
        return kind;
    }

    private static void requireClientId(String clientId) throws GraphException {
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            throw new GraphException(GraphException.Problem.NOT_FOUND, "Application with client ID '" + clientId
                    + "' not found: a client id is a GUID", NOT_FOUND_CAUSES);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
