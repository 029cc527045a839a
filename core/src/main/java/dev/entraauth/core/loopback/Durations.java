package dev.entraauth.core.loopback;

import java.time.Duration;

/** Durations as people write them: {@code 5 min}, {@code 90 s}, {@code 1 h 30 min}. */
final class Durations {
    private Durations() {
    }

    static String format(Duration d) {
        long seconds = Math.max(d.toSeconds(), 0);
        if (seconds == 0) {
            return d.toMillis() + " ms";
        }
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append(" h");
        }
        if (m > 0) {
            out.append(out.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (s > 0) {
            out.append(out.isEmpty() ? "" : " ").append(s).append(" s");
        }
        return out.toString();
    }
}
