package dev.entraauth.core.profile;

import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.profile.PlainJsonReader.Token;
import dev.entraauth.core.registry.FlowRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code profiles.json} with {@link PlainJsonReader}, without Jackson, for the cached-token path. It
 * answers only for a file of the shape this build writes (every field a non-empty text
 * value, no unknown field, no null, no duplicate key or profile name, a known default flow) and builds each
 * profile through the same validation as {@link ProfileRepository}; anything else — a missing, unreadable or
 * unusual file — is empty, so the caller goes to {@link ProfileRepository}, which gives the one error message.
 */
public final class ProfileFastReader {
    private static final long MAX_BYTES = 1024 * 1024;
    private static final Set<String> FIELDS = Set.of("name", "tenantId", "clientId", "authMethod", "certificate",
            "defaultFlow", "scopes", "cloud", "authorityHost", "redirectPorts", "environment", "appName",
            "credentialExpiry", "redirectUri", "managedIdentityId", "federatedTokenFile");

    private ProfileFastReader() {
    }

    /**
     * @param home  the CLI's home directory
     * @param flows the flow registry, to make default flows canonical as {@link ProfileRepository} does
     * @return every profile, exactly as {@link ProfileRepository#list()} returns them; empty when this reader is
     *         not certain (then {@link ProfileRepository} decides)
     */
    public static Optional<List<Profile>> read(Path home, FlowRegistry flows) {
        try {
            Path file = home.resolve(ProfileRepository.FILE_NAME);
            if (Files.size(file) > MAX_BYTES) {
                return Optional.empty();   // beyond any real profiles file (and Jackson's own string limits): Jackson decides
            }
            byte[] bytes = Files.readAllBytes(file);
            PlainJsonReader parser = new PlainJsonReader(bytes);
            List<Profile> profiles = document(parser, flows);
            return parser.nextToken() == null ? Optional.ofNullable(profiles) : Optional.empty();
        } catch (IOException | RuntimeException e) {   // PlainJsonReader.Unsupported too: Jackson decides
            return Optional.empty();
        }
    }

    private static List<Profile> document(PlainJsonReader parser, FlowRegistry flows) {
        if (parser.nextToken() != Token.START_OBJECT) {
            return null;
        }
        Set<String> keys = new HashSet<>();
        List<Profile> profiles = List.of();
        boolean versioned = false;
        while (parser.nextToken() == Token.FIELD_NAME) {
            String field = parser.text();
            if (!keys.add(field)) {
                return null;
            }
            Token value = parser.nextToken();
            if (field.equals("schemaVersion") && value == Token.INT
                    && parser.intValue() == ProfileRepository.SCHEMA_VERSION) {
                versioned = true;
            } else if (field.equals("profiles") && value == Token.START_ARRAY) {
                profiles = profiles(parser, flows);
                if (profiles == null) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return versioned && parser.currentToken() == Token.END_OBJECT ? profiles : null;
    }

    private static List<Profile> profiles(PlainJsonReader parser, FlowRegistry flows) {
        List<Profile> profiles = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Token token;
        while ((token = parser.nextToken()) == Token.START_OBJECT) {
            Profile profile = profile(parser, flows);
            if (profile == null || !names.add(profile.name())) {
                return null;
            }
            profiles.add(profile);
        }
        return token == Token.END_ARRAY ? List.copyOf(profiles) : null;
    }

    private static Profile profile(PlainJsonReader parser, FlowRegistry flows) {
        String[] text = new String[FIELDS.size()];
        List<String> scopes = null;
        ProfileEntry.CertificateEntry certificate = null;
        Set<String> keys = new HashSet<>();
        while (parser.nextToken() == Token.FIELD_NAME) {
            String field = parser.text();
            if (!FIELDS.contains(field) || !keys.add(field)) {
                return null;
            }
            Token value = parser.nextToken();
            if (field.equals("scopes")) {
                scopes = value == Token.START_ARRAY ? strings(parser) : null;
                if (scopes == null) {
                    return null;
                }
            } else if (field.equals("certificate")) {
                certificate = value == Token.START_OBJECT ? certificate(parser) : null;
                if (certificate == null) {
                    return null;
                }
            } else if (value == Token.STRING && !parser.text().isEmpty()) {
                text[index(field)] = parser.text();
            } else {
                return null;
            }
        }
        if (parser.currentToken() != Token.END_OBJECT) {
            return null;
        }
        // The same constructor and conversion data binding uses: the same validation, the same profile.
        ProfileEntry entry = new ProfileEntry(text[index("name")], text[index("tenantId")], text[index("clientId")],
                text[index("authMethod")], certificate, text[index("defaultFlow")], scopes, text[index("cloud")],
                text[index("authorityHost")], text[index("redirectPorts")], text[index("environment")],
                text[index("appName")], text[index("credentialExpiry")], text[index("redirectUri")],
                text[index("managedIdentityId")], text[index("federatedTokenFile")]);
        Profile profile = entry.toProfile();
        if (profile.defaultFlow() != null) {
            Optional<String> canonical = flows.canonicalName(profile.defaultFlow());
            if (canonical.isEmpty()) {
                return null;
            }
            profile = profile.toBuilder().defaultFlow(canonical.get()).build();
        }
        return profile;
    }

    private static int index(String field) {
        return switch (field) {
            case "name" -> 0;
            case "tenantId" -> 1;
            case "clientId" -> 2;
            case "authMethod" -> 3;
            case "defaultFlow" -> 4;
            case "cloud" -> 5;
            case "authorityHost" -> 6;
            case "redirectPorts" -> 7;
            case "environment" -> 8;
            case "appName" -> 9;
            case "credentialExpiry" -> 10;
            case "redirectUri" -> 11;
            case "managedIdentityId" -> 12;
            case "federatedTokenFile" -> 13;
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static List<String> strings(PlainJsonReader parser) {
        List<String> values = new ArrayList<>();
        Token token;
        while ((token = parser.nextToken()) == Token.STRING && !parser.text().isEmpty()) {
            values.add(parser.text());
        }
        return token == Token.END_ARRAY ? values : null;
    }

    private static ProfileEntry.CertificateEntry certificate(PlainJsonReader parser) {
        String kind = null;
        String value = null;
        while (parser.nextToken() == Token.FIELD_NAME) {
            String field = parser.text();
            if (parser.nextToken() != Token.STRING || parser.text().isEmpty()) {
                return null;
            }
            if (field.equals("kind") && kind == null) {
                kind = parser.text();
            } else if (field.equals("value") && value == null) {
                value = parser.text();
            } else {
                return null;
            }
        }
        return parser.currentToken() == Token.END_OBJECT && kind != null && value != null
                ? new ProfileEntry.CertificateEntry(kind, value) : null;
    }
}
