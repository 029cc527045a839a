package dev.entraauth.graph;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the CLI names and dates the client secrets it creates: {@code EAC-EXP-DD-MMM-YY} after the expiry date
 * (month in upper case, English), 180 days after creation.
 */
public final class SecretNames {
    /** How long a created secret is valid. */
    public static final Duration LIFETIME = Duration.ofDays(180);
    /** The prefix of every name the CLI gives a secret. */
    public static final String PREFIX = "EAC-EXP-";

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("dd-MMM-yy", Locale.ENGLISH);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH);

    private SecretNames() {
    }

    /**
     * @param created when the secret is created
     * @return its end: {@link #LIFETIME} later
     */
    public static Instant expiry(Instant created) {
        return created.plus(LIFETIME);
    }

    /**
     * @param expiry the secret's end
     * @return its name, for example {@code EAC-EXP-30-JUL-26} (the date in UTC, as Graph stores it)
     */
    public static String name(Instant expiry) {
        return PREFIX + NAME.format(LocalDate.ofInstant(expiry, ZoneOffset.UTC)).toUpperCase(Locale.ROOT);
    }

    /**
     * @param expiry the secret's end
     * @param now    the current time
     * @return the expiry as the panel shows it, for example {@code 30 Jul 2026 (180 days)}
     */
    public static String shown(Instant expiry, Instant now) {
        long days = Duration.between(now, expiry).plusHours(12).toDays();
        return SHOWN.format(LocalDate.ofInstant(expiry, ZoneOffset.UTC)) + " (" + days + (days == 1 ? " day)" : " days)");
    }
}
