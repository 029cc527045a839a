package dev.entraauth.api.profile;

/**
 * An inclusive range of TCP ports for the loopback redirect listener.
 *
 * @param from the first port (1024–65535)
 * @param to   the last port, not below {@code from}
 */
public record PortRange(int from, int to) {
    /** The dynamic port range of RFC 6335, used when nothing else is set. */
    public static final PortRange DYNAMIC = new PortRange(49152, 65535);

    /** Validates the bounds. */
    public PortRange {
        if (from < 1024 || to > 65535 || from > to) {
            throw new IllegalArgumentException("port range " + from + "-" + to
                    + " is invalid (expected A-B with 1024 <= A <= B <= 65535)");
        }
    }

    /**
     * Parses {@code A-B}, or a single port {@code P}.
     *
     * @param text the range as typed
     * @return the range
     * @throws IllegalArgumentException when the text is not a valid range
     */
    public static PortRange parse(String text) {
        String t = text == null ? "" : text.strip();
        try {
            int dash = t.indexOf('-');
            if (dash < 0) {
                int port = Integer.parseInt(t);
                return new PortRange(port, port);
            }
            return new PortRange(Integer.parseInt(t.substring(0, dash).strip()), Integer.parseInt(t.substring(dash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port range '" + t + "' is invalid (expected A-B, for example 49152-65535)");
        }
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
