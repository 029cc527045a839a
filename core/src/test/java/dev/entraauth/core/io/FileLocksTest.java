package dev.entraauth.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTest {
    /** A program for a second JVM: it takes the lock, says so, and holds it until it is killed. */
    private static final String LOCKER = """
            import java.nio.channels.FileChannel;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;

            public class Locker {
                public static void main(String[] args) throws Exception {
                    FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    channel.lock();
                    System.out.println("locked");
                    System.out.flush();
                    Thread.sleep(600_000);
                }
            }
            """;

    @TempDir
    Path dir;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor();
        }
    }

    /** Starts a second JVM that holds the lock on {@code lockFile}, and returns once it holds it. */
    private Process lockInAnotherProcess(Path lockFile) throws IOException {
        Path source = dir.resolve("Locker.java");
        Files.writeString(source, LOCKER);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, source.toString(), lockFile.toString())
                .redirectErrorStream(true)
                .start();
        child = process;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("locked")) {
                return process;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the locking process ended without taking the lock:\n" + seen);
    }

    @Test
    void acquireCreatesTheLockFileWithMode0600AndCloseReleasesIt() throws Exception {
        // Arrange
        Path lockFile = dir.resolve("profiles.lock");

        // Act
        FileLocks.Held first = FileLocks.acquire(lockFile, Duration.ofMillis(500));
        first.close();
        FileLocks.Held second = FileLocks.acquire(lockFile, Duration.ofMillis(500));
        second.close();

        // Assert
        assertNotNull(first);
        assertNotNull(second);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(lockFile));
    }

    @Test
    void secondAcquireInTheSameProcessWaitsForTheFirstAndTimesOutWithIo() throws Exception {
        // Arrange
        Path lockFile = dir.resolve("profiles.lock");

        try (FileLocks.Held _ = FileLocks.acquire(lockFile, Duration.ofMillis(500))) {
            // Act
            CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
                try {
                    FileLocks.acquire(lockFile, Duration.ofMillis(300)).close();
                } catch (EntraAuthException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            ExecutionException failure = assertThrows(ExecutionException.class, other::get);

            // Assert
            EntraAuthException e = assertInstanceOf(EntraAuthException.class, failure.getCause());
            assertEquals(ExitCode.IO, e.exitCode());
            assertTrue(e.getMessage().contains(lockFile.toString()), e.getMessage());
        }
    }

    @Test
    void acquireWhileAnotherProcessHoldsTheLockTimesOutWithIoNamingTheLockFile() throws Exception {
        // Arrange
        Path lockFile = dir.resolve("tokens.enc.lock");
        lockInAnotherProcess(lockFile);

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class,
                () -> FileLocks.acquire(lockFile, Duration.ofMillis(500)));

        // Assert
        assertEquals(ExitCode.IO, e.exitCode());
        assertTrue(e.getMessage().contains(lockFile.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("held by another entra-auth-cli process"), e.getMessage());
    }

    @Test
    void acquireSucceedsAfterTheHoldingProcessIsKilledWithSigkill() throws Exception {
        // Arrange
        Path lockFile = dir.resolve("profiles.lock");
        Process holder = lockInAnotherProcess(lockFile);
        assertThrows(EntraAuthException.class, () -> FileLocks.acquire(lockFile, Duration.ofMillis(500)));

        // Act
        holder.destroyForcibly();
        holder.waitFor();
        FileLocks.Held held = FileLocks.acquire(lockFile, FileLocks.DEFAULT_WAIT);

        // Assert
        assertFalse(holder.isAlive());
        assertNotNull(held);
        held.close();
    }

    @Test
    void interruptedWaitGivesUpWithErrorAndKeepsTheInterruptFlag() throws Exception {
        // Arrange
        Path lockFile = dir.resolve("profiles.lock");
        try (FileLocks.Held _ = FileLocks.acquire(lockFile, Duration.ofMillis(500))) {
            Thread.currentThread().interrupt();

            // Act
            EntraAuthException e = assertThrows(EntraAuthException.class,
                    () -> FileLocks.acquire(lockFile, FileLocks.DEFAULT_WAIT));

            // Assert
            assertTrue(Thread.interrupted(), "the interrupt flag was cleared");
            assertEquals(ExitCode.ERROR, e.exitCode());
            assertTrue(e.getMessage().contains(lockFile.toString()), e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void lockFileInAMissingDirectoryIsAnIoError() {
        // Arrange
        Path lockFile = dir.resolve("missing").resolve("profiles.lock");

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> FileLocks.acquire(lockFile, Duration.ofMillis(100)));

        // Assert
        assertEquals(ExitCode.IO, e.exitCode());
        assertTrue(e.getMessage().contains(lockFile.toString()), e.getMessage());
    }
}
