package dev.entraauth.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private D-Bus session bus with a real, unlocked GNOME Keyring on it: {@code dbus-daemon --session --nofork}
 * and {@code gnome-keyring-daemon --foreground --unlock --components=secrets} (the password on its standard input),
 * both children of this JVM with their own {@code HOME}, {@code XDG_DATA_HOME} and {@code XDG_RUNTIME_DIR} under a
 * temporary directory, so the developer's own keyring is never touched. {@link #start()} fails — it never skips —
 * with a message naming the Debian packages when either daemon cannot start.
 */
public final class KeyringSession implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final String PASSWORD = "keyring-session-password";

    private final Path dir;
    private final Process bus;
    private final Process keyring;
    private final String address;

    private KeyringSession(Path dir, Process bus, Process keyring, String address) {
        this.dir = dir;
        this.bus = bus;
        this.keyring = keyring;
        this.address = address;
    }

    /**
     * Starts the bus and the keyring and waits until the keyring owns {@code org.freedesktop.secrets}.
     *
     * @return the running session
     * @throws AssertionError when a daemon cannot start (missing packages, or it exits)
     */
    public static KeyringSession start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("keyring-session");
            Files.createDirectories(dir.resolve("home/.local/share"));
            Files.createDirectory(dir.resolve("run"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new AssertionError("cannot create the keyring session's directory: " + e, e);
        }
        Process bus = null;
        Process keyring = null;
        try {
            bus = process(dir, null, "dbus-daemon", "--session", "--nofork", "--print-address=1");
            String address = firstLine(bus.getInputStream(), "dbus-daemon", bus);
            keyring = process(dir, address, "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets");
            try (OutputStream in = keyring.getOutputStream()) {
                in.write(PASSWORD.getBytes(StandardCharsets.UTF_8));
            }
            drain(keyring.getInputStream());
            KeyringSession session = new KeyringSession(dir, bus, keyring, address);
            session.awaitSecretsName();
            return session;
        } catch (IOException | RuntimeException | AssertionError e) {
            stop(keyring);
            stop(bus);
            delete(dir);
            if (e instanceof AssertionError assertion) {
                throw assertion;
            }
            throw new AssertionError("cannot start a D-Bus session with gnome-keyring (Debian packages dbus-daemon, "
                    + "dbus-x11, gnome-keyring; .ci/run installs them): " + e, e);
        }
    }

    /** {@return the bus address, the value of {@code DBUS_SESSION_BUS_ADDRESS} for clients of this keyring} */
    public String address() {
        return address;
    }

    /**
     * {@return the environment for a client of this keyring: the bus address and the session's private
     * {@code XDG_RUNTIME_DIR}}
     */
    public Map<String, String> environment() {
        return Map.of("DBUS_SESSION_BUS_ADDRESS", address, "XDG_RUNTIME_DIR", dir.resolve("run").toString());
    }

    /** {@return whether both daemons still run} */
    public boolean isAlive() {
        return bus.isAlive() && keyring.isAlive();
    }

    private static Process process(Path dir, String address, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("DBUS_") || k.startsWith("GNOME_KEYRING") || k.startsWith("XDG_"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_DATA_HOME", dir.resolve("home/.local/share").toString());
        env.put("XDG_RUNTIME_DIR", dir.resolve("run").toString());
        if (address != null) {
            env.put("DBUS_SESSION_BUS_ADDRESS", address);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (Debian packages dbus-daemon, dbus-x11, gnome-keyring;"
                    + " .ci/run installs them): " + e.getMessage(), e);
        }
    }

    private static String firstLine(InputStream stream, String what, Process process) {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String text = line.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null || text.isBlank()) {
                throw new AssertionError(what + " printed no address" + (process.isAlive() ? "" : " and exited with " + process.exitValue()));
            }
            drain(stream);
            return text.strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " did not print its address within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    private static void drain(InputStream stream) {
        Thread thread = new Thread(() -> {
            try (stream) {
                stream.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the daemon ended
            }
        }, "keyring-session-drain");
        thread.setDaemon(true);
        thread.start();
    }

    /** Polls {@code NameHasOwner("org.freedesktop.secrets")} with {@code dbus-send} until the keyring owns it. */
    private void awaitSecretsName() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!keyring.isAlive()) {
                throw new AssertionError("gnome-keyring-daemon exited with " + keyring.exitValue() + " before it served the Secret Service");
            }
            ProcessBuilder builder = new ProcessBuilder("dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets")
                    .redirectErrorStream(true);
            builder.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
            Process check = builder.start();
            String reply = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                check.waitFor(5, TimeUnit.SECONDS);
                if (reply.contains("boolean true")) {
                    return;
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("gnome-keyring-daemon did not take org.freedesktop.secrets on the bus within "
                + START_TIMEOUT.toSeconds() + " s");
    }

    /** Stops the keyring, then the bus, and deletes the session's directory. */
    @Override
    public void close() {
        stop(keyring);
        stop(bus);
        delete(dir);
    }

    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    /** {@return the daemons' command lines, for messages} */
    @Override
    public String toString() {
        return "KeyringSession[" + address + ", " + List.of(bus.pid(), keyring.pid()) + "]";
    }
}
