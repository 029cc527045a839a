package dev.entraauth.flows.managedidentity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Azure's IMDS retry guidance as {@link ManagedIdentityRetries} applies it, on simulated time. */
class ManagedIdentityRetriesTest {

    /** The waits for a server that keeps answering {@code status} at once. */
    static List<Duration> waits(int status, Optional<Duration> retryAfter) {
        return waits(true, status, retryAfter);
    }

    /** The waits for a server that keeps answering {@code status} at once, from IMDS or another source. */
    static List<Duration> waits(boolean imds, int status, Optional<Duration> retryAfter) {
        List<Duration> waits = new ArrayList<>();
        Duration elapsed = Duration.ZERO;
        for (int retry = 0; ; retry++) {
            Optional<Duration> next = ManagedIdentityRetries.next(imds, status, retry, elapsed, retryAfter);
            if (next.isEmpty()) {
                return waits;
            }
            waits.add(next.get());
            elapsed = elapsed.plus(next.get());
        }
    }

    @Test
    void gone410IsRetriedEveryTenSecondsForAtLeastSeventySeconds() {
        List<Duration> waits = waits(410, Optional.empty());
        assertEquals(7, waits.size(), waits.toString());
        assertEquals(Duration.ofSeconds(70), waits.stream().reduce(Duration.ZERO, Duration::plus));
    }

    @Test
    void notFoundThrottlingAndServerErrorsBackOffOneTwoFourSeconds() {
        for (int status : new int[] {404, 408, 429, 500, 502, 503, 504, 599}) {
            assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)),
                    waits(status, Optional.empty()), "status " + status);
        }
    }

    @Test
    void retryAfterIsHonouredAndCappedAtThirtySeconds() {
        assertEquals(List.of(Duration.ofSeconds(7), Duration.ofSeconds(7), Duration.ofSeconds(7)),
                waits(429, Optional.of(Duration.ofSeconds(7))));
        assertEquals(Duration.ofSeconds(30), waits(503, Optional.of(Duration.ofHours(1))).getFirst());
    }

    @Test
    void notFoundIsRetriedForImdsOnlyOtherSourcesAnswerItForAWrongPath() {
        assertEquals(3, waits(true, 404, Optional.empty()).size());
        assertEquals(List.of(), waits(false, 404, Optional.empty()));
        assertEquals(3, waits(false, 503, Optional.empty()).size(), "other statuses are retried for every source");
    }

    @Test
    void otherAnswersAreFinal() {
        for (int status : new int[] {200, 400, 401, 403, 409}) {
            assertEquals(List.of(), waits(status, Optional.empty()), "status " + status);
        }
    }
}
