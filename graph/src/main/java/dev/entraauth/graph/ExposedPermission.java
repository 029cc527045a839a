package dev.entraauth.graph;

/**
 * A permission an application's service principal offers: a delegated scope ({@code oauth2PermissionScopes}) or
 * an app role ({@code appRoles}).
 *
 * @param value       the permission's value, for example {@code access_as_user} or {@code Data.Read}
 * @param kind        scope or role
 * @param description what it allows, as the app's admin wrote it (possibly empty)
 */
public record ExposedPermission(String value, Kind kind, String description) {
    /** Delegated scope or app role. */
    public enum Kind {
        /** A delegated permission, requested as {@code <resource>/<value>}. */
        SCOPE,
        /** An application permission, granted to apps; requested through {@code <resource>/.default}. */
        ROLE
    }
}
