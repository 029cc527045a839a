package dev.entraauth.api.profile;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Syntax rules for the identifiers a profile holds, shared by the CLI, the profile file reader and
 * plugins, so a value is judged the same way everywhere and before any network call.
 */
public final class Identifiers {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> MULTI_TENANT = Set.of("common", "organizations", "consumers");

    private Identifiers() {
    }

    /**
     * Normalizes a GUID: lower case (Entra compares GUIDs case-insensitively).
     *
     * @param field the field name for the message
     * @param value the text
     * @return the GUID in lower case
     * @throws IllegalArgumentException naming the field when the text is not a GUID
     */
    public static String guid(String field, String value) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (!GUID.matcher(v).matches()) {
            throw new IllegalArgumentException(field + ": " + describe(value)
                    + " is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        return v;
    }

    /**
     * Normalizes a tenant: a GUID, a verified domain (contoso.onmicrosoft.com), or one of
     * {@code common}, {@code organizations}, {@code consumers}.
     *
     * @param value the text
     * @return the tenant in lower case
     * @throws IllegalArgumentException naming the field when the text is none of those
     */
    public static String tenant(String value) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT);
        if (GUID.matcher(v).matches() || MULTI_TENANT.contains(v) || isDomain(v)) {
            return v;
        }
        throw new IllegalArgumentException("tenantId: " + describe(value)
                + " is not a tenant GUID or a verified domain such as contoso.onmicrosoft.com");
    }

    /**
     * @param tenant a normalized tenant
     * @return whether the tenant names no single tenant ({@code common}, {@code organizations}, {@code consumers})
     */
    public static boolean isMultiTenant(String tenant) {
        return MULTI_TENANT.contains(tenant);
    }

    /**
     * Checks a profile name: 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit.
     *
     * @param value the text
     * @return the name unchanged
     * @throws IllegalArgumentException when the name breaks the rule
     */
    public static String profileName(String value) {
        if (value == null || !PROFILE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("name: " + describe(value)
                    + " is not a valid profile name (1-64 letters, digits, '.', '_' or '-', starting with a letter or digit)");
        }
        return value;
    }

    private static boolean isDomain(String v) {
        if (v.length() > 253 || !v.contains(".")) {
            return false;
        }
        String[] labels = v.split("\\.", -1);
        for (String label : labels) {
            if (!DOMAIN_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return labels[labels.length - 1].chars().allMatch(Character::isLetter) && labels[labels.length - 1].length() >= 2;
    }

    private static String describe(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "missing" : "an empty value";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "'" + shown + "'";
    }
}
