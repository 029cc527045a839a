package dev.entraauth.core.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Splitting BROWSER into words the way a POSIX shell does for simple quoting, with no expansion. */
class CommandWordsTest {
    @Test
    void wordsAreSeparatedByAnyWhitespace() {
        assertEquals(List.of("a", "b", "c"), CommandWords.split("  a\tb \n c ", true));
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertEquals(List.of("a \"b\" \\c $d"), CommandWords.split("'a \"b\" \\c $d'", true));
    }

    @Test
    void doubleQuotesKeepSpacesAndUnescapeOnlyTheFourSpecialCharacters() {
        assertEquals(List.of("a b \" \\ $ ` \\n"), CommandWords.split("\"a b \\\" \\\\ \\$ \\` \\n\"", true));
    }

    @Test
    void adjacentQuotedAndUnquotedPartsFormOneWord() {
        assertEquals(List.of("--profile=my dir/x", ""), CommandWords.split("--profile='my dir'/x ''", true));
    }

    @Test
    void nothingIsExpanded() {
        assertEquals(List.of("$HOME", "~", "*", "$(id)", ";", "|"), CommandWords.split("$HOME ~ * $(id) ; |", true));
    }

    @Test
    void withoutBackslashEscapesABackslashIsKept() {
        assertEquals(List.of("C:\\Program Files\\x.exe", "a\\b"), CommandWords.split("\"C:\\Program Files\\x.exe\" a\\b", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'open", "\"open", "open\\", "   ", ""})
    void unterminatedQuotesATrailingBackslashOrNoWordAreRefused(String line) {
        assertThrows(IllegalArgumentException.class, () -> CommandWords.split(line, true));
    }
}
