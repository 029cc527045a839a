package dev.entraauth.graph;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code discover -s} looks for: a display name with {@code *} wildcards, matched case-insensitively. Graph
 * filters only by prefix ({@code startswith}) or by word ({@code $search}), so the query narrows on the server
 * and {@link #matches} decides exactly here.
 *
 * <ul>
 *   <li>{@code MyApp*}, {@code MyApp} and {@code My*App} ask Graph for names starting with the text before the
 *       first {@code *};</li>
 *   <li>{@code *App*} and {@code *App} (a leading {@code *}) use {@code $search} on the longest literal part;</li>
 *   <li>{@code *} alone lists every application.</li>
 * </ul>
 *
 * @param text the pattern as given
 */
public record SearchPattern(String text) {

    /** How the query narrows on the server. */
    public enum Narrowing {
        /** {@code $filter=startswith(displayName,'…')} */
        STARTS_WITH,
        /** {@code $search="displayName:…"} (needs {@code ConsistencyLevel: eventual}) */
        SEARCH,
        /** no narrowing: every application */
        ALL
    }

    /**
     * @param text the pattern
     * @throws IllegalArgumentException when it is blank or holds a character Graph cannot take in a filter
     */
    public SearchPattern {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("give a name to search for, for example \"MyApp*\"");
        }
        text = text.strip();
        if (text.chars().anyMatch(c -> c == '"' || Character.isISOControl(c))) {
            throw new IllegalArgumentException("the search pattern cannot contain '\"' or control characters");
        }
    }

    /** {@return how the query narrows on the server} */
    public Narrowing narrowing() {
        if (text.chars().allMatch(c -> c == '*')) {
            return Narrowing.ALL;
        }
        return text.startsWith("*") ? Narrowing.SEARCH : Narrowing.STARTS_WITH;
    }

    /** {@return the literal text the server narrows by: the prefix, or the longest part between wildcards} */
    public Optional<String> literal() {
        return switch (narrowing()) {
            case ALL -> Optional.empty();
            case STARTS_WITH -> Optional.of(text.substring(0, text.contains("*") ? text.indexOf('*') : text.length()));
            case SEARCH -> java.util.Arrays.stream(text.split("\\*+")).filter(s -> !s.isBlank())
                    .max(java.util.Comparator.comparingInt(String::length));
        };
    }

    /**
     * @param displayName an application's display name
     * @return whether it matches the whole pattern, ignoring case
     */
    public boolean matches(String displayName) {
        if (displayName == null) {
            return false;
        }
        String regex = java.util.Arrays.stream(text.split("\\*", -1)).map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL)
                .matcher(displayName).matches();
    }

    /** {@return the OData string literal of {@link #literal()}, quotes doubled} */
    String odataLiteral() {
        return "'" + literal().orElse("").replace("'", "''") + "'";
    }
}
