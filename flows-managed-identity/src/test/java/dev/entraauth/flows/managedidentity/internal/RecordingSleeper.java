package dev.entraauth.flows.managedidentity.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Simulated time for the transport: each wait is recorded and moves the clock on at once, nothing sleeps. */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new ArrayList<>();
    private long now;

    @Override
    public synchronized long nanoTime() {
        return now;
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
