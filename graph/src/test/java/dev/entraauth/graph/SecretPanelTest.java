package dev.entraauth.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretPanelTest {
    private static final Instant NOW = Instant.parse("2026-01-31T09:00:00Z");
    private static final AppRegistration APP = new AppRegistration("obj", "11111111-2222-3333-4444-555555555555",
            "My Application Name", Optional.empty(), Optional.empty(), List.of());

    private static CreatedSecret secret(String value) {
        return new CreatedSecret(APP, "key", "EAC-EXP-30-JUL-26", Instant.parse("2026-07-30T09:00:00Z"), value.toCharArray());
    }

    @Test
    void thePanelIsDrawnAsTheSeedDrawsIt() {
        List<String> lines = SecretPanel.lines(secret("abc123...your-secret-value-here...xyz789"), NOW, true);

        assertEquals(List.of(
                "┌──────────────────────────────────────────────────────────────────┐",
                "│ ⚠ Secret Value (copy now - shown only once!)                     │",
                "├──────────────────────────────────────────────────────────────────┤",
                "│ abc123...your-secret-value-here...xyz789                         │",
                "└──────────────────────────────────────────────────────────────────┘",
                "┌─────────────────┬────────────────────────────────────────────────┐",
                "│ Property        │ Value                                          │",
                "├─────────────────┼────────────────────────────────────────────────┤",
                "│ Application     │ My Application Name                            │",
                "│ Secret Name     │ EAC-EXP-30-JUL-26                              │",
                "│ Expires         │ 30 Jul 2026 (180 days)                         │",
                "└─────────────────┴────────────────────────────────────────────────┘"), lines);
    }

    @Test
    void withoutBoxDrawingTheSameShapesAreDrawnInAscii() {
        List<String> lines = SecretPanel.lines(secret("abc123"), NOW, false);

        assertEquals("+------------------------------------------------------------------+", lines.getFirst());
        assertEquals("| ! Secret Value (copy now - shown only once!)                     |", lines.get(1));
        assertEquals("| abc123                                                           |", lines.get(3));
        assertEquals("+-----------------+------------------------------------------------+", lines.get(5));
        assertTrue(lines.stream().allMatch(l -> l.chars().allMatch(c -> c < 128)), "non-ASCII in the fallback: " + lines);
    }

    @Test
    void aLongValueWidensThePanelSoNothingIsCut() {
        String value = "x".repeat(90);

        List<String> lines = SecretPanel.lines(secret(value), NOW, true);

        assertEquals("│ " + value + " │", lines.get(3));
        assertTrue(lines.stream().allMatch(l -> l.length() == lines.getFirst().length()), "ragged panel: " + lines);
    }
}
