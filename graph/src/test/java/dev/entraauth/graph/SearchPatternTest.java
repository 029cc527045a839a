package dev.entraauth.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchPatternTest {

    @ParameterizedTest(name = "{0}: {1} by ''{2}''")
    @CsvSource({
            "MyApp*,      STARTS_WITH, MyApp",
            "MyApp,       STARTS_WITH, MyApp",
            "My*App,      STARTS_WITH, My",
            "*App*,       SEARCH,      App",
            "*Billing*API, SEARCH,     Billing",
            "*,           ALL,         ''",
            "**,          ALL,         ''",
    })
    void graphNarrowsByPrefixWhenThereIsOneElseBySearchForTheLongestLiteral(String text, SearchPattern.Narrowing narrowing,
                                                                             String literal) {
        SearchPattern pattern = new SearchPattern(text);

        assertEquals(narrowing, pattern.narrowing());
        assertEquals(literal.isEmpty() ? Optional.empty() : Optional.of(literal), pattern.literal());
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "MyApp*,  MyApp,            true",
            "MyApp*,  myapp service,    true",
            "MyApp*,  The MyApp,        false",
            "MyApp,   MyApp,            true",
            "MyApp,   MyApp2,           false",
            "*App,    Billing App,      true",
            "*App,    Billing Apps,     false",
            "*App*,   an app here,      true",
            "My*App,  My Billing App,   true",
            "My*App,  My Billing Apps,  false",
            "a.b*,    a.b c,            true",
            "a.b*,    axb c,            false",
            "*,       anything,         true",
    })
    void matchingIsOnTheWholeNameIgnoringCaseWithStarForAnyText(String text, String name, boolean matches) {
        assertEquals(matches, new SearchPattern(text).matches(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "say \"hi\"", "tab\there"})
    void blankPatternsAndCharactersGraphCannotFilterByAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> new SearchPattern(text));
    }

    @org.junit.jupiter.api.Test
    void quotesAreDoubledInTheODataLiteral() {
        assertEquals("'O''Brien'", new SearchPattern("O'Brien*").odataLiteral());
    }
}
