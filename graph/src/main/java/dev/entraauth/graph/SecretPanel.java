package dev.entraauth.graph;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-time view of a new client secret, drawn as seed 002 draws it: a boxed panel with the warning and the
 * value, then a Property / Value table of the application, the secret's name and its expiry. With
 * {@code unicode} false (a terminal that cannot draw boxes) the same shapes in {@code + - |} and {@code !}.
 */
public final class SecretPanel {
    private static final int MIN_INNER = 66;
    private static final int MIN_PROPERTY = 17;

    private SecretPanel() {
    }

    /**
     * @param secret  the new secret
     * @param now     the current time (for "180 days")
     * @param unicode whether box-drawing characters can be shown
     * @return the lines to print, the value among them
     */
    public static List<String> lines(CreatedSecret secret, Instant now, boolean unicode) {
        Box box = unicode ? Box.UNICODE : Box.ASCII;
        String title = (unicode ? "\u26a0" : "!") + " Secret Value (copy now - shown only once!)";
        String value = new String(secret.value());
        String[][] rows = {
                {"Property", "Value"},
                {"Application", secret.application().displayName()},
                {"Secret Name", secret.name()},
                {"Expires", SecretNames.shown(secret.expiry(), now)}};
        int property = MIN_PROPERTY;
        int valueWidth = 0;
        for (String[] row : rows) {
            property = Math.max(property, row[0].length() + 2);
            valueWidth = Math.max(valueWidth, row[1].length() + 2);
        }
        int inner = Math.max(MIN_INNER, Math.max(Math.max(title.length(), value.length()) + 2, property + 1 + valueWidth));
        int second = inner - property - 1;

        List<String> lines = new ArrayList<>();
        lines.add(box.topLeft + box.horizontal.repeat(inner) + box.topRight);
        lines.add(box.vertical + cell(title, inner) + box.vertical);
        lines.add(box.leftTee + box.horizontal.repeat(inner) + box.rightTee);
        lines.add(box.vertical + cell(value, inner) + box.vertical);
        lines.add(box.bottomLeft + box.horizontal.repeat(inner) + box.bottomRight);
        lines.add(box.topLeft + box.horizontal.repeat(property) + box.topTee + box.horizontal.repeat(second) + box.topRight);
        for (int i = 0; i < rows.length; i++) {
            lines.add(box.vertical + cell(rows[i][0], property) + box.vertical + cell(rows[i][1], second) + box.vertical);
            if (i == 0) {
                lines.add(box.leftTee + box.horizontal.repeat(property) + box.cross + box.horizontal.repeat(second) + box.rightTee);
            }
        }
        lines.add(box.bottomLeft + box.horizontal.repeat(property) + box.bottomTee + box.horizontal.repeat(second) + box.bottomRight);
        return List.copyOf(lines);
    }

    private static String cell(String text, int width) {
        return " " + text + " ".repeat(Math.max(0, width - text.length() - 1));
    }

    private enum Box {
        UNICODE("\u250c", "\u2510", "\u2514", "\u2518", "\u2500", "\u2502", "\u251c", "\u2524", "\u252c", "\u2534", "\u253c"),
        ASCII("+", "+", "+", "+", "-", "|", "+", "+", "+", "+", "+");

        final String topLeft;
        final String topRight;
        final String bottomLeft;
        final String bottomRight;
        final String horizontal;
        final String vertical;
        final String leftTee;
        final String rightTee;
        final String topTee;
        final String bottomTee;
        final String cross;

        Box(String topLeft, String topRight, String bottomLeft, String bottomRight, String horizontal, String vertical,
            String leftTee, String rightTee, String topTee, String bottomTee, String cross) {
            this.topLeft = topLeft;
            this.topRight = topRight;
            this.bottomLeft = bottomLeft;
            this.bottomRight = bottomRight;
            this.horizontal = horizontal;
            this.vertical = vertical;
            this.leftTee = leftTee;
            this.rightTee = rightTee;
            this.topTee = topTee;
            this.bottomTee = bottomTee;
            this.cross = cross;
        }
    }
}
