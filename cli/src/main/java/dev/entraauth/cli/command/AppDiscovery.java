package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Identifiers;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.cli.terminal.Prompts;
import dev.entraauth.graph.AppRegistration;
import dev.entraauth.graph.ExposedPermission;
import dev.entraauth.graph.GraphAccess;
import dev.entraauth.graph.GraphClient;
import dev.entraauth.graph.GraphException;
import dev.entraauth.graph.SearchPattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code discover -s PATTERN}: finds app registrations in Microsoft Graph by display name and, on a terminal, turns
 * the one picked into a profile — name, scope (from what the app exposes, its {@code .default}, or Graph's), auth
 * method and client secret (Create new / Enter existing). Without a terminal it lists the matches (a table, or
 * JSON with {@code --output json}) and saves nothing.
 */
final class AppDiscovery {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final CliContext context;
    private final Prompts prompts;

    AppDiscovery(CliContext context, Prompts prompts) {
        this.context = context;
        this.prompts = prompts;
    }

    /**
     * @param pattern the display-name pattern
     * @param tenant  the tenant to search, or null to ask
     * @param cloud   the cloud, or null for Azure public
     * @param host    a custom authority host, or null
     * @param json    list the matches as JSON on stdout
     * @return the exit code
     */
    int run(String pattern, String tenant, String cloud, String host, boolean json) throws EntraAuthException {
        SearchPattern search = ConfigCreateCommand.checked(() -> new SearchPattern(pattern));
        String tenantId = tenant != null ? ConfigCreateCommand.checked(() -> Identifiers.tenant(tenant))
                : prompts.ask("Tenant ID (GUID or domain)", null, "--tenant", Identifiers::tenant);
        Profile.Builder where = Profile.builder("discover").tenantId(tenantId).clientId(GraphAccess.CLIENT_ID)
                .authMethod(AuthMethod.PublicClient);
        if (host != null) {
            where.cloud(Cloud.Custom).authorityHost(ProfileFieldOptions.parseUri(host));
        } else if (cloud != null) {
            where.cloud(ProfileFieldOptions.parseCloud(cloud));
        }
        Profile place = ConfigCreateCommand.checked(where::build);
        GraphSession session = GraphSession.of(context, place);
        GraphClient graph = session.client(GraphAccess.SEARCH_SIGN_IN);
        List<AppRegistration> found = graph.findApplications(search);

        if (json) {
            ProfileView.json(context.out(), found.stream().map(AppDiscovery::json).toList());
            return ExitCode.OK.code();
        }
        if (found.isEmpty()) {
            throw new EntraAuthException(ExitCode.NOT_FOUND, "no app registration matches '" + search.text() + "' in tenant "
                    + tenantId);
        }
        if (!prompts.interactive()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "CLIENT ID", "CREATED", "PUBLISHER DOMAIN"});
            found.forEach(app -> rows.add(new String[] {app.displayName(), app.clientId(), created(app),
                    app.publisherDomain().orElse("-")}));
            Table.print(context.out(), rows);
            context.interaction().info("Run in a terminal to create a profile from one of them (or see 'config create').");
            return ExitCode.OK.code();
        }
        AppRegistration app = prompts.choose("Applications matching '" + search.text() + "'", found, 0, "--output json",
                AppDiscovery::label);
        return createProfile(app, place, session, graph);
    }

    private int createProfile(AppRegistration app, Profile place, GraphSession session, GraphClient graph)
            throws EntraAuthException {
        Set<String> taken = context.profiles().list().stream().map(Profile::name).collect(Collectors.toSet());
        String suggested = slug(app.displayName());
        String name = prompts.ask("Profile name", taken.contains(suggested) ? null : suggested, "--name", answer -> {
            String valid = Identifiers.profileName(answer);
            if (taken.contains(valid)) {
                throw new IllegalArgumentException("profile '" + valid + "' exists already; choose another name");
            }
            return valid;
        });
        String scope = prompts.choose("Scope", scopes(app, session, graph), 0, "--scope", s -> s);
        AuthMethod method = prompts.choose("Authentication method", List.of(AuthMethod.ClientSecret, AuthMethod.Certificate,
                AuthMethod.PublicClient), 0, "--auth-method", Enum::name);
        Profile.Builder builder = place.toBuilder().name(name).clientId(app.clientId()).authMethod(method)
                .defaultFlow(null).scopes(List.of(scope)).appName(app.displayName());
        if (method == AuthMethod.Certificate) {
            Path path = prompts.ask("Certificate file (.pfx, .p12 or .pem)", null, "--certificate", Path::of);
            builder.certificate(ProfileFieldOptions.certificateSource(path));
        }
        Map<SecretKey, byte[]> toStore = new LinkedHashMap<>();
        try {
            boolean created = false;
            if (method == AuthMethod.ClientSecret) {
                ClientSecretChoice.Secret secret = new ClientSecretChoice(context, prompts, "a terminal")
                        .obtain(ConfigCreateCommand.checked(builder::build), false);
                toStore.put(new SecretKey(name, SecretKey.CLIENT_SECRET), secret.value());
                builder.credentialExpiry(secret.expiry().orElse(null));
                created = secret.expiry().isPresent();
            }
            Profile profile = ConfigCreateCommand.checked(builder::build);
            ConfigCreateCommand.save(context, profile, toStore);
            if (created) {
                context.interaction().info(Symbols.check() + " Secret created and saved to profile");
            }
            context.interaction().info(Symbols.check() + " Profile '" + name + "' saved to " + context.profiles().file());
            context.interaction().info("Get a token with: entra-auth-cli get-token -p " + name);
        } finally {
            toStore.values().forEach(v -> Arrays.fill(v, (byte) 0));
        }
        return ExitCode.OK.code();
    }

    /** The app's own scopes under its identifier URI, its {@code .default} (app roles), then Graph's {@code .default}. */
    private static List<String> scopes(AppRegistration app, GraphSession session, GraphClient graph) throws EntraAuthException {
        String resource = app.identifierUris().isEmpty() ? "api://" + app.clientId() : app.identifierUris().getFirst();
        List<String> scopes = new ArrayList<>();
        List<ExposedPermission> exposed;
        try {
            exposed = graph.exposedPermissions(app.clientId());
        } catch (GraphException e) {
            exposed = List.of();
        }
        for (ExposedPermission permission : exposed) {
            if (permission.kind() == ExposedPermission.Kind.SCOPE) {
                scopes.add(resource + "/" + permission.value());
            }
        }
        if (!exposed.isEmpty() || !app.identifierUris().isEmpty()) {
            scopes.add(resource + "/.default");
        }
        scopes.add(session.resource() + "/.default");
        return scopes;
    }

    private static String label(AppRegistration app) {
        return app.displayName() + "  (" + app.clientId() + ", created " + created(app)
                + app.publisherDomain().map(d -> ", " + d).orElse("") + ")";
    }

    private static String created(AppRegistration app) {
        return app.created().map(DATE::format).orElse("-");
    }

    private static Map<String, Object> json(AppRegistration app) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("displayName", app.displayName());
        entry.put("clientId", app.clientId());
        entry.put("objectId", app.objectId());
        entry.put("created", app.created().map(Object::toString).orElse(null));
        entry.put("publisherDomain", app.publisherDomain().orElse(null));
        entry.put("identifierUris", app.identifierUris());
        return entry;
    }

    /** A profile name from a display name: lower case, runs of other characters as one '-'. */
    static String slug(String displayName) {
        String slug = displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) {
            return "app";
        }
        return slug.length() > 64 ? slug.substring(0, 64) : slug;
    }
}
