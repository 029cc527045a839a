package dev.entraauth.core.profile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The whole of {@code profiles.json}.
 *
 * @param schemaVersion the version of this format; see {@link ProfileRepository#SCHEMA_VERSION}
 * @param profiles      the profiles, in the order they were created
 */
@JsonPropertyOrder({"schemaVersion", "profiles"})
public record ProfileDocument(Integer schemaVersion, List<ProfileEntry> profiles) {

    /** Treats a missing list as empty. */
    public ProfileDocument {
        if (profiles != null && profiles.contains(null)) {
            throw new IllegalArgumentException("profiles[" + profiles.indexOf(null) + "] is null; expected a profile object");
        }
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }
}
