package dev.entraauth.api.flow;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An acquired access token.
 *
 * @param accessToken the token; printed only where the user asked for it
 * @param tokenType   normally {@code Bearer}
 * @param expiresOn   when the token expires
 * @param scopes      the scopes granted
 * @param tenantId    the tenant that issued it
 * @param fromCache   whether the token came from the cache without a network call
 */
public record TokenResult(String accessToken, String tokenType, Instant expiresOn, List<String> scopes,
                          String tenantId, boolean fromCache) {

    /** Validates the parts. */
    public TokenResult {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(tokenType, "tokenType");
        Objects.requireNonNull(expiresOn, "expiresOn");
        scopes = List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "TokenResult[type=" + tokenType + ", expiresOn=" + expiresOn + ", scopes=" + scopes + ", token=***]";
    }
}
