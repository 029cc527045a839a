package dev.entraauth.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiCompatibilityTest {
    @ParameterizedTest(name = "built for {0}, running {1}: {2}")
    @CsvSource({
            "1.2.0, 1.2.7, true",
            "1.2.0, 1.5.0, true",
            "1.5.0, 1.2.0, false",
            "1.2.0, 2.0.0, false",
            "2.0.0, 1.9.0, false",
            "0.1.0-SNAPSHOT, 0.1.0-SNAPSHOT, true",
            "0.1.0, 0.1.3, true",
            "0.1.0, 0.2.0, false",
            "0.2.0, 0.1.0, false",
            "weird, weird, true",
            "weird, 1.0.0, false",
    })
    void sameMajorAndAtLeastTheMinorInZeroXTheSameMinor(String built, String running, boolean compatible) {
        assertEquals(compatible, ApiCompatibility.compatible(built, running));
    }
}
