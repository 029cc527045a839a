package dev.entraauth.core.loopback;

/** Text from a request made safe for a terminal line: no control characters, bounded length. */
final class Sanitize {
    private Sanitize() {
    }

    /** {@return the text without control characters (terminal escapes included), at most {@code max} characters} */
    static String limit(String text, int max) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
        }
        return out.length() < text.length() ? out.toString().strip() + "…" : out.toString().strip();
    }

    /** {@return a short quoted form for debug lines} */
    static String forLog(String text) {
        return text == null ? "(none)" : "'" + limit(text, 80) + "'";
    }
}
