package dev.entraauth.testkit;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed {@code scope} parameter as Entra reads it: the OIDC scopes ({@code openid profile offline_access
 * email}) apart, and every other scope belonging to exactly one resource (v2-permissions-and-consent).
 *
 * @param resource the resource, or null when only OIDC scopes were asked
 * @param scopes   the resource's scope names (without the resource prefix); {@code .default} for the default scope
 * @param oidc     the OIDC scopes asked
 */
record Scopes(Resource resource, Set<String> scopes, Set<String> oidc) {
    static final Set<String> OIDC = Set.of("openid", "profile", "offline_access", "email");

    /** A resource tokens can be issued for. */
    record Resource(String identifier, String appId, boolean v1, Set<String> delegatedScopes, Set<String> appRoles) {
        /** {@return the {@code aud} of its tokens: the identifier for v1 tokens, the app id for v2} */
        String audience() {
            return v1 ? identifier : appId;
        }
    }

    static final Resource GRAPH = new Resource("https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000", true,
            Set.of("User.Read", "User.ReadBasic.All", "Application.Read.All", "Application.ReadWrite.All",
                    "Application.ReadWrite.OwnedBy", "Directory.Read.All"),
            Set.of("Application.Read.All", "Application.ReadWrite.All", "Application.ReadWrite.OwnedBy", "Directory.Read.All",
                    "User.Read.All"));
    static final Resource ARM = new Resource("https://management.azure.com", "797f4846-ba00-4fd7-ba43-dac1f8f63013", true,
            Set.of("user_impersonation"), Set.of());

    static Scopes parse(String scope, Tenant tenant) {
        if (scope == null || scope.isBlank()) {
            throw OAuthError.invalidRequest(900144, "The request body must contain the following parameter: 'scope'.");
        }
        Set<String> oidc = new LinkedHashSet<>();
        Resource resource = null;
        Set<String> names = new LinkedHashSet<>();
        for (String item : scope.trim().split("\\s+")) {
            if (OIDC.contains(item.toLowerCase(Locale.ROOT))) {
                oidc.add(item.toLowerCase(Locale.ROOT));
                continue;
            }
            Resource r;
            String name;
            int slash = item.lastIndexOf('/');
            if (item.startsWith("https://") || item.startsWith("api://") || slash > 0) {
                if (slash <= "https://".length() && !item.startsWith("api://")) {
                    throw OAuthError.invalidScope(scope);
                }
                String prefix = item.substring(0, slash);
                name = item.substring(slash + 1);
                r = resource(prefix, tenant);
                if (r == null) {
                    throw new OAuthError(400, "invalid_resource", 500011, "The resource principal named " + prefix
                            + " was not found in the tenant named " + tenant.id() + ". This can happen if the application has"
                            + " not been installed by the administrator of the tenant or consented to by any user in the tenant.");
                }
            } else {
                r = GRAPH;
                name = item;
            }
            if (resource != null && !resource.identifier().equals(r.identifier())) {
                throw OAuthError.multipleResources(scope);
            }
            resource = r;
            if (!name.equals(".default") && !r.delegatedScopes().contains(name) && !r.appRoles().contains(name)) {
                throw OAuthError.invalidScope(item);
            }
            names.add(name);
        }
        if (names.contains(".default") && names.size() > 1) {
            throw OAuthError.invalidScope(scope);
        }
        return new Scopes(resource, names, oidc);
    }

    private static Resource resource(String prefix, Tenant tenant) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (p.equalsIgnoreCase(GRAPH.identifier()) || p.equals(GRAPH.appId())) {
            return GRAPH;
        }
        if (p.equalsIgnoreCase(ARM.identifier()) || p.equals(ARM.appId())) {
            return ARM;
        }
        for (Application app : tenant.applications()) {
            if (p.equalsIgnoreCase(app.identifierUri()) || p.equalsIgnoreCase(app.clientId())) {
                return new Resource(app.identifierUri(), app.clientId(), false, app.exposedScopes(), app.appRoles());
            }
        }
        return null;
    }

    boolean isDefault() {
        return scopes.contains(".default");
    }

    /** The scope string a token response reports: Graph's scopes by name, other resources' qualified (as Entra does). */
    String granted(Set<String> names) {
        if (resource == null) {
            return "";
        }
        return names.stream().map(n -> resource == GRAPH ? n : resource.identifier() + "/" + n)
                .collect(java.util.stream.Collectors.joining(" "));
    }
}
