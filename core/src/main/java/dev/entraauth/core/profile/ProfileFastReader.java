package dev.entraauth.core.profile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.entraauth.api.profile.Profile;
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
 * Reads {@code profiles.json} with jackson-core's streaming parser, without Jackson's data binding, for the
 * cached-token path. It answers only for a file of the shape this build writes (every field a non-empty text
 * value, no unknown field, no null, no duplicate key or profile name, a known default flow) and builds each
 * profile through the same validation as {@link ProfileRepository}; anything else — a missing, unreadable or
 * unusual file — is empty, so the caller goes to {@link ProfileRepository}, which gives the one error message.
 */
public final class ProfileFastReader {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
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
            byte[] bytes = Files.readAllBytes(home.resolve(ProfileRepository.FILE_NAME));
            try (JsonParser parser = FACTORY.createParser(bytes)) {
                List<Profile> profiles = document(parser, flows);
                return parser.nextToken() == null ? Optional.ofNullable(profiles) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Profile> document(JsonParser parser, FlowRegistry flows) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Set<String> keys = new HashSet<>();
        List<Profile> profiles = List.of();
        boolean versioned = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (!keys.add(field)) {
                return null;
            }
            JsonToken value = parser.nextToken();
            if (field.equals("schemaVersion") && value == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() == JsonParser.NumberType.INT
                    && parser.getIntValue() == ProfileRepository.SCHEMA_VERSION) {
                versioned = true;
            } else if (field.equals("profiles") && value == JsonToken.START_ARRAY) {
                profiles = profiles(parser, flows);
                if (profiles == null) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return versioned && parser.currentToken() == JsonToken.END_OBJECT ? profiles : null;
    }

    private static List<Profile> profiles(JsonParser parser, FlowRegistry flows) throws IOException {
        List<Profile> profiles = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
            Profile profile = profile(parser, flows);
            if (profile == null || !names.add(profile.name())) {
                return null;
            }
            profiles.add(profile);
        }
        return token == JsonToken.END_ARRAY ? List.copyOf(profiles) : null;
    }

    private static Profile profile(JsonParser parser, FlowRegistry flows) throws IOException {
        String[] text = new String[FIELDS.size()];
        List<String> scopes = null;
        ProfileEntry.CertificateEntry certificate = null;
        Set<String> keys = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (!FIELDS.contains(field) || !keys.add(field)) {
                return null;
            }
            JsonToken value = parser.nextToken();
            if (field.equals("scopes")) {
                scopes = value == JsonToken.START_ARRAY ? strings(parser) : null;
                if (scopes == null) {
                    return null;
                }
            } else if (field.equals("certificate")) {
                certificate = value == JsonToken.START_OBJECT ? certificate(parser) : null;
                if (certificate == null) {
                    return null;
                }
            } else if (value == JsonToken.VALUE_STRING && !parser.getText().isEmpty()) {
                text[index(field)] = parser.getText();
            } else {
                return null;
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT) {
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

    private static List<String> strings(JsonParser parser) throws IOException {
        List<String> values = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING && !parser.getText().isEmpty()) {
            values.add(parser.getText());
        }
        return token == JsonToken.END_ARRAY ? values : null;
    }

    private static ProfileEntry.CertificateEntry certificate(JsonParser parser) throws IOException {
        String kind = null;
        String value = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING || parser.getText().isEmpty()) {
                return null;
            }
            if (field.equals("kind") && kind == null) {
                kind = parser.getText();
            } else if (field.equals("value") && value == null) {
                value = parser.getText();
            } else {
                return null;
            }
        }
        return parser.currentToken() == JsonToken.END_OBJECT && kind != null && value != null
                ? new ProfileEntry.CertificateEntry(kind, value) : null;
    }
}
