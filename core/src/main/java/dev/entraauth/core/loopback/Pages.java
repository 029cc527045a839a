package dev.entraauth.core.loopback;

/**
 * The listener's pages (SECURITY-CHECKLIST LB6): static HTML, no scripts, styles, images or links, nothing taken
 * from the request except Entra's {@code error} and {@code error_description}, which are HTML-escaped. No page
 * carries the state, the code or the authorize URL.
 */
final class Pages {
    private Pages() {
    }

    static final String SUCCESS = page("Signed in", "✓ Authentication successful!",
            "You can close this window and return to the terminal.");

    static final String WRONG_STATE = page("Not this sign-in", "This response does not belong to the sign-in in progress",
            "The state parameter is missing or does not match. Close this window and finish the sign-in started from the"
                    + " terminal.");

    static final String BAD_REQUEST = page("Bad request", "Bad request", "This is not an authorization response.");

    static final String FORBIDDEN = page("Forbidden", "Forbidden", "This listener answers only requests to its own address.");

    static final String NOT_FOUND = page("Not found", "Not found", "There is nothing here.");

    static String failure(String error, String description) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in failed</title></head>\n"
                + "<body><h1>Sign-in failed</h1>\n<p>Microsoft Entra ID answered: <code>" + escape(Sanitize.limit(error, 100))
                + "</code></p>\n<p>" + escape(Sanitize.limit(description, 1000)) + "</p>\n"
                + "<p>Return to the terminal for what to do next.</p></body></html>\n";
    }

    private static String page(String title, String heading, String text) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>\n"
                + "<body><h1>" + heading + "</h1>\n<p>" + text + "</p></body></html>\n";
    }

    /** Escapes the five characters that matter in HTML text and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
