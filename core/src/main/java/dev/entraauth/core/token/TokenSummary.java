package dev.entraauth.core.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The facts a person wants from a token, read from its claims (not validated): app-only or delegated, who,
 * which app and tenant, audience, scopes or roles, version, and its lifetime.
 *
 * @param kind        app-only, delegated, an ID token, or unknown
 * @param version     {@code ver}, or null
 * @param audiences   {@code aud} (a string or a list)
 * @param issuer      {@code iss}, or null
 * @param tenantId    {@code tid}, or null
 * @param objectId    {@code oid}, or null
 * @param user        {@code upn}, else {@code preferred_username}, {@code unique_name} or {@code email}; null for apps
 * @param displayName {@code name}, or null
 * @param appId       {@code appid} (v1.0) or {@code azp} (v2.0), or null
 * @param appName     {@code app_displayname}, or null
 * @param scopes      {@code scp}, split at spaces
 * @param roles       {@code roles}
 * @param issuedAt    {@code iat}, or null
 * @param notBefore   {@code nbf}, or null
 * @param expiresAt   {@code exp}, or null
 * @param graphNonce  whether the header carries Microsoft Graph's {@code nonce}
 */
public record TokenSummary(Kind kind, String version, List<String> audiences, String issuer, String tenantId, String objectId,
                           String user, String displayName, String appId, String appName, List<String> scopes,
                           List<String> roles, Instant issuedAt, Instant notBefore, Instant expiresAt, boolean graphNonce) {

    /** What the token is, by Entra ID's claims. */
    public enum Kind {
        /** An app acting as itself (client credentials, managed identity): no {@code scp}. */
        AppOnly,
        /** An app acting for a signed-in user: {@code scp}. */
        Delegated,
        /** An OpenID Connect ID token: proof of sign-in for the client, not for calling APIs. */
        IdToken,
        /** Not enough claims to tell. */
        Unknown
    }

    /** Where a token stands in its lifetime. */
    public enum Status {
        /** Between {@code nbf} and {@code exp}. */
        VALID,
        /** At or after {@code exp}. */
        EXPIRED,
        /** Before {@code nbf}. */
        NOT_YET_VALID,
        /** No {@code exp} claim. */
        NO_EXPIRY
    }

    /** Copies the lists. */
    public TokenSummary {
        audiences = List.copyOf(audiences);
        scopes = List.copyOf(scopes);
        roles = List.copyOf(roles);
    }

    /**
     * @param jwt a decoded token
     * @return its facts
     */
    public static TokenSummary of(Jwt jwt) {
        List<String> scopes = jwt.string("scp").map(s -> Arrays.stream(s.trim().split("\\s+")).filter(x -> !x.isEmpty()).toList())
                .orElse(List.of());
        List<String> roles = strings(jwt.claims().get("roles"));
        String appId = jwt.string("appid").or(() -> jwt.string("azp")).orElse(null);
        String user = jwt.string("upn").or(() -> jwt.string("preferred_username")).or(() -> jwt.string("unique_name"))
                .or(() -> jwt.string("email")).orElse(null);
        String idtyp = jwt.string("idtyp").orElse("");
        Kind kind;
        if (!scopes.isEmpty() || idtyp.equals("user") && appId != null) {
            kind = Kind.Delegated;
        } else if (idtyp.equals("app") || appId != null) {
            kind = Kind.AppOnly;
        } else if (jwt.claims().containsKey("aud") && jwt.claims().containsKey("sub") && jwt.claims().containsKey("iss")) {
            kind = Kind.IdToken;
        } else {
            kind = Kind.Unknown;
        }
        return new TokenSummary(kind, jwt.string("ver").orElse(null), strings(jwt.claims().get("aud")), jwt.string("iss").orElse(null),
                jwt.string("tid").orElse(null), jwt.string("oid").orElse(null), kind == Kind.AppOnly ? null : user,
                jwt.string("name").orElse(null), appId, jwt.string("app_displayname").orElse(null), scopes, roles,
                jwt.time("iat").orElse(null), jwt.time("nbf").orElse(null), jwt.time("exp").orElse(null), jwt.hasHeaderNonce());
    }

    /**
     * @param now the current time
     * @return where the token stands at that time
     */
    public Status status(Instant now) {
        if (notBefore != null && now.isBefore(notBefore)) {
            return Status.NOT_YET_VALID;
        }
        if (expiresAt == null) {
            return Status.NO_EXPIRY;
        }
        return now.isBefore(expiresAt) ? Status.VALID : Status.EXPIRED;
    }

    /**
     * @param now the current time
     * @return the time until {@code exp} (negative once expired), when the token has one
     */
    public Optional<Duration> timeLeft(Instant now) {
        return expiresAt == null ? Optional.empty() : Optional.of(Duration.between(now, expiresAt));
    }

    /**
     * @param left a duration
     * @return it as people say it: {@code 59m 12s}, {@code 3h 4m}, {@code 2d 5h}
     */
    public static String humanDuration(Duration left) {
        long s = Math.abs(left.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }

    /**
     * @param now the current time
     * @return the time left as people say it: {@code in 59m 12s}, {@code expired 3h 4m ago}, {@code no expiry}
     */
    public String timeLeftText(Instant now) {
        return switch (status(now)) {
            case NO_EXPIRY -> "no expiry ('exp' missing)";
            case NOT_YET_VALID -> "not valid for another " + humanDuration(Duration.between(now, notBefore));
            case EXPIRED -> "expired " + humanDuration(Duration.between(expiresAt, now)) + " ago";
            case VALID -> "in " + humanDuration(Duration.between(now, expiresAt));
        };
    }

    private static List<String> strings(Object value) {
        if (value instanceof String s) {
            return List.of(s);
        }
        List<String> all = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    all.add(s);
                }
            }
        }
        return all;
    }
}
