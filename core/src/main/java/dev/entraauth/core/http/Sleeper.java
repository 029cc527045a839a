package dev.entraauth.core.http;

import java.time.Duration;

/**
 * The clock a retry or polling policy reads and the waits it makes between requests: the system's in the CLI, a
 * fake one in tests, so each schedule is checked exactly and without sleeping through it. Shared by device-code
 * polling and the managed identity transport.
 */
public interface Sleeper {
    /** The system's monotonic clock and {@link Thread#sleep(Duration)}. */
    Sleeper SYSTEM = new Sleeper() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration wait) throws InterruptedException {
            Thread.sleep(wait);
        }
    };

    /** {@return a monotonic time in nanoseconds, as {@link System#nanoTime()}} */
    long nanoTime();

    /**
     * Waits before the next request.
     *
     * @param wait how long
     * @throws InterruptedException when interrupted
     */
    void sleep(Duration wait) throws InterruptedException;
}
