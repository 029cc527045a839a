package dev.entraauth.cli.command;

import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The reminder {@code get-token} gives on stderr (even with {@code --silent}) from two weeks before a profile's
 * client secret expires — the expiry the CLI recorded when it created the secret — and after it has: seed 002
 * advises reminders two weeks ahead so the secret is rotated before it stops working.
 */
final class SecretExpiryWarning {
    /** How long before the expiry the reminder starts. */
    static final Duration AHEAD = Duration.ofDays(14);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private SecretExpiryWarning() {
    }

    /**
     * @param profile the profile a token is got for
     * @param now     the current time
     * @return the warning, when its client secret expires within {@link #AHEAD} or has expired
     */
    static Optional<String> of(Profile profile, Instant now) {
        Instant expiry = profile.credentialExpiry();
        if (profile.authMethod() != AuthMethod.ClientSecret || expiry == null || expiry.isAfter(now.plus(AHEAD))) {
            return Optional.empty();
        }
        String rotate = "create a new one with 'entra-auth-cli config edit -p " + profile.name() + " --create-secret'";
        if (!expiry.isAfter(now)) {
            return Optional.of("the client secret of profile '" + profile.name() + "' expired on " + DAY.format(expiry) + ": " + rotate);
        }
        long days = Duration.between(now, expiry).toDays();
        String left = days == 0 ? "today" : days == 1 ? "in 1 day" : "in " + days + " days";
        return Optional.of("the client secret of profile '" + profile.name() + "' expires on " + DAY.format(expiry) + " (" + left
                + "): " + rotate);
    }
}
