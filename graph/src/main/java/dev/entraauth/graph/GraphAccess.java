package dev.entraauth.graph;

import java.util.List;

/**
 * Who signs in to Microsoft Graph and with which permission: the Microsoft Graph Command Line Tools public client
 * (the client Graph PowerShell uses, so no app registration of one's own is needed), and the least delegated
 * permission each operation needs.
 */
public final class GraphAccess {
    /** The Microsoft Graph Command Line Tools (Graph PowerShell) public client. */
    public static final String CLIENT_ID = "14d82eec-204b-4c2f-b7e8-296a70dab67e";
    /** Finding applications and reading what they expose. */
    public static final List<String> READ = List.of("Application.Read.All");
    /** Creating a secret in any application. */
    public static final List<String> CREATE_SECRET = List.of("Application.ReadWrite.All");
    /** Creating a secret only in applications the signed-in user owns. */
    public static final List<String> CREATE_SECRET_OWNED = List.of("Application.ReadWrite.OwnedBy");

    /** What the CLI says before it signs in to create a secret (seed 002). */
    public static final List<String> CREATE_SECRET_SIGN_IN = List.of(
            "Creating a new secret requires signing in with an account that has",
            "Application.ReadWrite.All or Application.ReadWrite.OwnedBy permission.");
    /** What the CLI says before it signs in to search. */
    public static final List<String> SEARCH_SIGN_IN = List.of(
            "Searching app registrations requires signing in with an account that can read them",
            "(Application.Read.All).");

    private GraphAccess() {
    }

    /**
     * @param graphResource the Graph resource of the cloud, for example {@code https://graph.microsoft.com}
     * @param permissions   permission names
     * @return the scopes to request: each permission under the resource
     */
    public static List<String> scopes(String graphResource, List<String> permissions) {
        String base = graphResource.endsWith("/") ? graphResource.substring(0, graphResource.length() - 1) : graphResource;
        return permissions.stream().map(p -> base + "/" + p).toList();
    }
}
