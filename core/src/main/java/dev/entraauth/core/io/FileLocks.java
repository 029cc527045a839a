package dev.entraauth.core.io;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;

/**
 * Cross-process exclusive locks on a lock file with a bounded wait. The operating system releases a
 * lock when its holder dies, so a process killed with {@code kill -9} never blocks later runs.
 */
public final class FileLocks {
    /** The default bound: 60 tries, 100 ms apart. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(6);
    private static final long POLL_MILLIS = 100;

    private FileLocks() {
    }

    /**
     * Takes the exclusive lock on a lock file, creating it (0600) if needed.
     *
     * @param lockFile the lock file
     * @param maxWait  how long to wait for another holder
     * @return the held lock; close it to release
     * @throws EntraAuthException {@link ExitCode#IO} on timeout or I/O failure
     */
    public static Held acquire(Path lockFile, Duration maxWait) throws EntraAuthException {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    SecureFiles.fileAttributes());
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot open lock file " + lockFile + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    return new Held(channel, lock);
                }
                if (System.nanoTime() - deadline >= 0) {
                    String waited = maxWait.toMillis() < 1000 ? maxWait.toMillis() + " ms" : maxWait.toSeconds() + " s";
                    throw new EntraAuthException(ExitCode.IO, "timed out after " + waited
                            + " waiting for " + lockFile + ", held by another entra-auth-cli process; try again");
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            throw new EntraAuthException(ExitCode.ERROR, "interrupted while waiting for " + lockFile, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EntraAuthException(ExitCode.IO, "cannot lock " + lockFile + ": " + e.getMessage(), e);
        } catch (EntraAuthException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another thread of this process: wait like for another process
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was written through this channel
        }
    }

    /** A held lock; {@link #close()} releases it. */
    public static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws EntraAuthException {
            try (channel) {
                lock.release();
            } catch (IOException e) {
                throw new EntraAuthException(ExitCode.IO, "cannot release lock: " + e.getMessage(), e);
            }
        }
    }
}
