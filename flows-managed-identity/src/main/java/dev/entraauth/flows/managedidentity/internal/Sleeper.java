package dev.entraauth.flows.managedidentity.internal;

import java.time.Duration;

/**
 * The time the managed identity transport reads and the waits it makes between attempts: the system's in the CLI,
 * a recording one in tests, so each retry schedule is checked exactly and without sleeping through it.
 */
interface Sleeper {
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
     * Waits before the next attempt.
     *
     * @param wait how long
     * @throws InterruptedException when interrupted
     */
    void sleep(Duration wait) throws InterruptedException;
}
