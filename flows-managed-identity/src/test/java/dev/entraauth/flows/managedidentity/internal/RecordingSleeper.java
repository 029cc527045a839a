package dev.entraauth.flows.managedidentity.internal;

import dev.entraauth.core.http.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulated time for the transport: each wait is recorded and moves the clock on at once, nothing sleeps. The clock
 * is the recorded waits alone, or, {@link #overRealTime()}, the real time elapsed plus the recorded waits (for the
 * tests of the deadline, where a slow answer takes real time).
 */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new ArrayList<>();
    private final boolean real;
    private final long start = System.nanoTime();
    private long now;

    RecordingSleeper() {
        this(false);
    }

    private RecordingSleeper(boolean real) {
        this.real = real;
    }

    /** {@return a sleeper whose clock also counts the real time elapsed since it was made} */
    static RecordingSleeper overRealTime() {
        return new RecordingSleeper(true);
    }

    @Override
    public synchronized long nanoTime() {
        return now + (real ? System.nanoTime() - start : 0);
    }

    @Override
    public synchronized void sleep(Duration wait) {
        waits.add(wait);
        now += wait.toNanos();
    }

    /** {@return the waits made, in order} */
    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
