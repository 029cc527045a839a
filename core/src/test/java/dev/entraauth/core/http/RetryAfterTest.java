package dev.entraauth.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NF2: both forms of {@code Retry-After}, capped; anything else is ignored (the backoff applies). */
class RetryAfterTest {
    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T05:00:00Z"), ZoneOffset.UTC);
    static final Duration CAP = Duration.ofSeconds(30);

    @ParameterizedTest(name = "Retry-After: {0} -> {1} s")
    @CsvSource(delimiter = '|', value = {
            "3                             | 3",
            "' 7 '                         | 7",
            "120                           | 30",
            "0                             | 0",
            "Sun, 22 Nov 2026 05:00:12 GMT | 12",
            "Sun, 22 Nov 2026 05:05:00 GMT | 30",
            "Sun, 22 Nov 2026 04:59:00 GMT | 0",
            "-5                            | 0"})
    void secondsAndHttpDatesAreHonouredUpToTheCap(String header, long seconds) {
        assertEquals(Optional.of(Duration.ofSeconds(seconds)), EntraHttpClient.retryAfter(header, NOW, CAP));
    }

    @ParameterizedTest(name = "Retry-After: {0} is ignored")
    @CsvSource({"soon", "'12 seconds'", "'2026-11-22T05:00:12Z'"})
    void anythingElseIsIgnored(String header) {
        assertEquals(Optional.empty(), EntraHttpClient.retryAfter(header, NOW, CAP));
    }
}
