package dev.entraauth.api.flow;

import dev.entraauth.api.profile.Profile;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to acquire.
 *
 * @param profile      the profile
 * @param scopes       the scopes (the profile's defaults unless overridden); never empty
 * @param forceRefresh skip any cached token
 * @param timeout      the overall deadline of the acquisition
 * @param showUrl      for browser flows: print the sign-in URL instead of opening a browser
 */
public record TokenRequest(Profile profile, List<String> scopes, boolean forceRefresh, Duration timeout, boolean showUrl) {

    /** Validates the parts. */
    public TokenRequest {
        Objects.requireNonNull(profile, "profile");
        scopes = List.copyOf(scopes);
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("no scope: give --scope or set scopes on profile '" + profile.name() + "'");
        }
        Objects.requireNonNull(timeout, "timeout");
    }
}
