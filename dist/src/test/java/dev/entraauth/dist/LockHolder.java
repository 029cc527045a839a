package dev.entraauth.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A second JVM (the test's own JDK) that takes an exclusive {@code FileChannel} lock on a file — a POSIX
 * {@code fcntl} lock, the kind the CLI takes, which {@code flock(1)} would not conflict with — says so, and
 * holds it until it is killed.
 */
final class LockHolder {
    private static final String LOCKED = "locked";

    private LockHolder() {
    }

    /** The child's program: lock {@code args[0]}, say so, never release. */
    public static void main(String[] args) throws Exception {
        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        System.out.println(LOCKED);
        System.out.flush();
        Thread.sleep(600_000);
    }

    /**
     * Starts the holder and returns once it holds the lock.
     *
     * @param lockFile the file to lock (created if absent, in an existing directory)
     * @return the holding process; kill it to release the lock
     */
    static Process lock(Path lockFile) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classes;
        try {
            classes = Path.of(LockHolder.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Process process = new ProcessBuilder(java, "-cp", classes, LockHolder.class.getName(), lockFile.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals(LOCKED)) {
                return process;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the holder ended without taking the lock on " + lockFile + ":\n" + seen);
    }
}
