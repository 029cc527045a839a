package dev.entraauth.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.core.token.ClaimGlossary;
import dev.entraauth.core.token.Jwt;
import dev.entraauth.core.token.TokenSummary;
import dev.entraauth.core.token.Verification;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How {@code inspect} and {@code discover} print a token: tables of header and claims with what each means,
 * times in UTC and local time, and JSON. The token itself and its signature are never printed, and text from
 * the token is made safe for a terminal (control characters escaped).
 */
final class TokenView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.US);
    private static final Set<String> TIME_CLAIMS = Set.of("iat", "nbf", "exp", "auth_time", "pwd_exp", "xms_tcdt");
    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ZoneId UTC = ZoneId.of("UTC");
    /** Longer values are wrapped onto more lines of the table, so the meanings stay in one column. */
    private static final int WRAP = 80;

    private TokenView() {
    }

    /**
     * @param instant an instant
     * @return {@code 2026-11-22 10:00:00 UTC (local 2026-11-22 11:00:00 CET)}
     */
    static String time(Instant instant) {
        return TIME.format(instant.atZone(UTC)) + " (local " + TIME.format(instant.atZone(ZoneId.systemDefault())) + ")";
    }

    static void headerTable(PrintWriter out, Jwt jwt) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HEADER", "VALUE", "MEANING"});
        jwt.header().forEach((name, value) -> addRow(rows, safe(name), value(value), ClaimGlossary.header(name).orElse("")));
        Table.print(out, rows);
    }

    static void claimsTable(PrintWriter out, Jwt jwt, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CLAIM", "VALUE", "MEANING"});
        TokenSummary facts = TokenSummary.of(jwt);
        jwt.claims().forEach((name, value) -> {
            String shown = TIME_CLAIMS.contains(name) && value instanceof Number n && n.doubleValue() >= 0
                    && n.doubleValue() <= 253_402_300_799L ? time(Instant.ofEpochSecond(n.longValue())) : value(value);
            String meaning = ClaimGlossary.claim(name, value).orElse("");
            if (name.equals("exp")) {
                meaning = meaning + "; " + facts.timeLeftText(now);
            }
            addRow(rows, safe(name), shown, meaning);
        });
        Table.print(out, rows);
    }

    private static void addRow(List<String[]> rows, String name, String value, String meaning) {
        rows.add(new String[] {name, value.length() <= WRAP ? value : value.substring(0, WRAP), meaning});
        for (int i = WRAP; i < value.length(); i += WRAP) {
            rows.add(new String[] {"", value.substring(i, Math.min(value.length(), i + WRAP)), ""});
        }
    }

    static void verificationTable(PrintWriter out, Verification verification) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"CHECK", "RESULT", "DETAIL"});
        for (Verification.Check check : verification.checks()) {
            rows.add(new String[] {check.name(), check.result().name().toLowerCase(Locale.ROOT), safe(check.detail())});
        }
        Table.print(out, rows);
    }

    /** The quick facts of {@code discover}, as label and value. */
    static Map<String, String> facts(TokenSummary facts, Instant now) {
        Map<String, String> lines = new LinkedHashMap<>();
        String version = facts.version() == null ? "" : " (v" + facts.version() + ")";
        lines.put("Token", switch (facts.kind()) {
            case AppOnly -> "AppOnly: an application acting as itself, no user" + version;
            case Delegated -> "Delegated: an application acting for a signed-in user" + version;
            case IdToken -> "IdToken: proof of a user's sign-in for the application, not for calling APIs" + version;
            case Unknown -> "Unknown: not an Entra ID access or ID token" + version;
        });
        if (facts.kind() == TokenSummary.Kind.AppOnly) {
            lines.put("Who", "service principal " + orDash(facts.objectId()));
        } else {
            StringBuilder who = new StringBuilder(orDash(facts.user()));
            if (facts.displayName() != null) {
                who.append(" (").append(facts.displayName()).append(')');
            }
            if (facts.objectId() != null) {
                who.append(", object id ").append(facts.objectId());
            }
            lines.put("Who", who.toString());
        }
        String app = orDash(facts.appId());
        if (facts.appName() != null) {
            app = app + " (" + facts.appName() + ")";
        } else if (facts.appId() != null) {
            app = app + ClaimGlossary.knownApplication(facts.appId()).map(n -> " (" + n + ")").orElse("");
        }
        lines.put("App", app);
        lines.put("Tenant", orDash(facts.tenantId()) + (ClaimGlossary.CONSUMER_TENANT.equals(facts.tenantId())
                ? " (personal Microsoft accounts)" : ""));
        lines.put("Audience", facts.audiences().isEmpty() ? "-" : String.join(", ", facts.audiences())
                + facts.audiences().stream().map(ClaimGlossary::knownApplication).flatMap(java.util.Optional::stream)
                .findFirst().map(n -> " (" + n + ")").orElse(""));
        if (!facts.scopes().isEmpty() || facts.kind() == TokenSummary.Kind.Delegated) {
            lines.put("Scopes", facts.scopes().isEmpty() ? "(none)" : String.join(" ", facts.scopes()));
        }
        if (!facts.roles().isEmpty() || facts.kind() == TokenSummary.Kind.AppOnly) {
            lines.put("Roles", facts.roles().isEmpty() ? "(none)" : String.join(" ", facts.roles()));
        }
        lines.put("Version", orDash(facts.version()));
        lines.put("Issuer", orDash(facts.issuer()));
        if (facts.issuedAt() != null) {
            lines.put("Issued", time(facts.issuedAt()));
        }
        lines.put("Expires", facts.expiresAt() == null ? "never ('exp' missing)" : time(facts.expiresAt()));
        lines.put("Status", switch (facts.status(now)) {
            case VALID -> "valid, expires " + facts.timeLeftText(now);
            case EXPIRED -> "EXPIRED " + facts.timeLeftText(now).substring("expired ".length());
            case NOT_YET_VALID -> "NOT YET VALID, " + facts.timeLeftText(now);
            case NO_EXPIRY -> "no expiry";
        });
        lines.replaceAll((k, v) -> safe(v));
        return lines;
    }

    /** The facts as JSON members, for {@code discover --output json} and {@code inspect --output json}. */
    static Map<String, Object> factsJson(TokenSummary facts, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", facts.kind().name());
        json.put("version", facts.version());
        json.put("user", facts.user());
        json.put("name", facts.displayName());
        json.put("object_id", facts.objectId());
        json.put("app_id", facts.appId());
        json.put("app_name", facts.appName());
        json.put("tenant_id", facts.tenantId());
        json.put("audience", facts.audiences());
        json.put("scopes", facts.scopes());
        json.put("roles", facts.roles());
        json.put("issuer", facts.issuer());
        json.put("issued_at", facts.issuedAt() == null ? null : facts.issuedAt().toString());
        json.put("not_before", facts.notBefore() == null ? null : facts.notBefore().toString());
        json.put("expires_at", facts.expiresAt() == null ? null : facts.expiresAt().toString());
        json.put("expires_on", facts.expiresAt() == null ? null : facts.expiresAt().getEpochSecond());
        json.put("expires_in_seconds", facts.timeLeft(now).map(d -> d.getSeconds()).orElse(null));
        json.put("status", facts.status(now).name().toLowerCase(Locale.ROOT));
        return json;
    }

    static Map<String, Object> verificationJson(Verification verification) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("result", verification.label());
        json.put("signature_verified", verification.signatureVerified());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (Verification.Check check : verification.checks()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", check.name());
            c.put("result", check.result().name().toLowerCase(Locale.ROOT));
            c.put("detail", check.detail());
            checks.add(c);
        }
        json.put("checks", checks);
        return json;
    }

    static void labelled(PrintWriter out, Map<String, String> lines) {
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        lines.forEach((k, v) -> out.println(String.format("%-" + (width + 2) + "s%s", k, v)));
    }

    /** A claim's value in one line: strings as they are, anything else as compact JSON. */
    private static String value(Object value) {
        if (value instanceof String s) {
            return safe(s);
        }
        try {
            return safe(COMPACT.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            return "?";
        }
    }

    private static String orDash(String text) {
        return text == null || text.isEmpty() ? "-" : text;
    }

    /**
     * Text from a token may hold terminal escape sequences or line breaks meant to fool a reader: control
     * characters (C0, DEL, C1) and bidirectional overrides are shown as {@code \\uXXXX}.
     */
    static String safe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
            if (unsafe && out == null) {
                out = new StringBuilder(text.substring(0, i));
            }
            if (out != null) {
                if (unsafe) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
