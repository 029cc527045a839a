package dev.entraauth.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretNamesTest {

    @ParameterizedTest(name = "created {0} -> {1}, {2}")
    @CsvSource({
            // created,               expiry,                 name
            "2026-02-01T10:15:00Z, 2026-07-31T10:15:00Z, EAC-EXP-31-JUL-26",
            "2026-01-31T00:00:00Z, 2026-07-30T00:00:00Z, EAC-EXP-30-JUL-26",
            "2026-07-15T12:00:00Z, 2027-01-11T12:00:00Z, EAC-EXP-11-JAN-27",
            "2026-12-31T23:59:59Z, 2027-06-29T23:59:59Z, EAC-EXP-29-JUN-27",
            "2027-09-01T08:00:00Z, 2028-02-28T08:00:00Z, EAC-EXP-28-FEB-28",
            "2027-09-02T08:00:00Z, 2028-02-29T08:00:00Z, EAC-EXP-29-FEB-28",
            "2099-06-05T08:00:00Z, 2099-12-02T08:00:00Z, EAC-EXP-02-DEC-99",
            "2100-03-10T08:00:00Z, 2100-09-06T08:00:00Z, EAC-EXP-06-SEP-00",
    })
    void theSecretEnds180DaysAfterCreationAndIsNamedAfterThatDayWithTheMonthInCapitals(String created, String expiry, String name) {
        Instant end = SecretNames.expiry(Instant.parse(created));

        assertEquals(Instant.parse(expiry), end);
        assertEquals(name, SecretNames.name(end));
    }

    @ParameterizedTest(name = "{0} seen at {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "2026-07-30T10:00:00Z | 2026-01-31T10:00:00Z | 30 Jul 2026 (180 days)",
            "2026-07-30T10:00:00Z | 2026-07-29T10:00:00Z | 30 Jul 2026 (1 day)",
            "2027-01-05T00:00:00Z | 2026-12-26T00:00:00Z | 5 Jan 2027 (10 days)",
    })
    void theExpiryIsShownAsDayMonthYearWithTheDaysLeft(String expiry, String now, String shown) {
        assertEquals(shown, SecretNames.shown(Instant.parse(expiry), Instant.parse(now)));
    }
}
