package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.entraauth.api.ExitCode;
import dev.entraauth.core.io.FileLocks;
import dev.entraauth.core.msal.VaultTokenCache;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.RecordedRequest;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TC1 through the image: the per-profile token-cache lock ({@code <home>/locks/<profile>.token-cache.lock}) against
 * a process that holds it forever, against a holder killed with SIGKILL, and against {@code get-token} processes
 * killed with SIGKILL at random moments while they write the cache.
 */
class TokenCacheLockIT {
    private static final String PROFILE = "ci";
    private static final String GRAPH = "https://graph.microsoft.com/.default";
    /** How long the CLI waits for a lock: {@link FileLocks#DEFAULT_WAIT}. */
    private static final Duration BOUND = FileLocks.DEFAULT_WAIT;
    /** The variation allowed between two runs of the same work on a shared, loaded machine: half the bound. */
    private static final Duration NOISE = BOUND.dividedBy(2);
    /** The exit code of a process killed by SIGKILL, as Java and the shell report it: 128 + 9. */
    private static final int SIGKILLED = 137;

    @TempDir
    Path home;

    private Process holder;

    @AfterEach
    void killHolder() throws InterruptedException {
        if (holder != null) {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    @Test
    void getTokenFailsWithinTheBoundWithOneLineNamingTheLockFileWhileAnotherProcessHoldsTheLock() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = profile(entra);
            Duration unlocked = unlockedRun(image, entra);
            Path lockFile = lockFile();
            holder = LockHolder.lock(lockFile);
            entra.clearRequests();

            long start = System.nanoTime();
            Image.Result result = image.run("get-token", "-p", PROFILE);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(ExitCode.IO.code(), result.exitCode(), result.err());
            assertEquals("", result.out());
            assertEquals(1, result.err().lines().count(), "one line, no stack trace: " + result.err());
            assertTrue(result.err().startsWith("Error: timed out after " + BOUND.toSeconds() + " s waiting for " + lockFile
                    + ", held by another entra-auth-cli process"), result.err());
            assertFalse(result.err().contains("Exception"), result.err());
            assertTrue(took.compareTo(BOUND) >= 0, "it gave up before the bound: " + took);
            assertTrue(took.compareTo(BOUND.plus(unlocked).plus(NOISE)) < 0,
                    "it waited longer than the bound: " + took + ", a run without the wait " + unlocked);
            assertEquals(1, tokenRequests(entra).size(), "a lookup needs no lock: the token is requested, then cannot be saved");
            System.out.printf("TC1 held lock: get-token failed after %d ms (a run without the wait: %d ms)%n",
                    took.toMillis(), unlocked.toMillis());
        }
    }

    @Test
    void getTokenSucceedsWellWithinTheBoundOnceTheHolderIsKilledWithSigkill() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = profile(entra);
            Duration unlocked = unlockedRun(image, entra);
            Path lockFile = lockFile();
            holder = LockHolder.lock(lockFile);
            assertFalse(lockable(lockFile), "the holder holds the lock on the CLI's lock file");
            entra.clearRequests();

            holder.destroyForcibly();
            assertEquals(SIGKILLED, holder.waitFor(), "destroyForcibly sends SIGKILL");
            long start = System.nanoTime();
            Image.Result result = image.run("get-token", "-p", PROFILE);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().startsWith("ey"), result.out());
            assertTrue(took.compareTo(unlocked.plus(NOISE)) < 0,
                    "the killed holder's lock held the run up: " + took + ", a run without a lock " + unlocked);
            assertEquals(1, tokenRequests(entra).size(), entra.requests().toString());
            System.out.printf("TC1 killed holder: the next get-token took %d ms (a run on an unlocked profile: %d ms)%n",
                    took.toMillis(), unlocked.toMillis());
        }
    }

    @Test
    void getTokenProcessesKilledWithSigkillAtRandomMomentsOfTheirCacheWritesLeaveACacheThatAnswers() throws Exception {
        int iterations = Integer.getInteger("tc1.kills", 30);
        long seed = Long.getLong("tc1.seed", System.nanoTime());
        Random random = new Random(seed);
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = profile(entra);
            // An uninterrupted run: from its token request reaching the emulator to its exit, it parses the answer,
            // writes msal's cache and its own under the locks, and prints. The kills fall in that window.
            long start = System.nanoTime();
            assertEquals(0, image.run("get-token", "-p", PROFILE, "--force", "--silent").exitCode());
            Duration run = Duration.ofNanos(System.nanoTime() - start);
            Duration window = Duration.between(tokenRequests(entra).getLast().at(), Instant.now())
                    .plus(Duration.ofMillis(50));

            int killed = 0;
            long started = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                int sent = tokenRequests(entra).size();
                Process launcher = image.start("get-token", "-p", PROFILE, "--force", "--silent");
                long deadline = System.nanoTime() + run.multipliedBy(10).toNanos();
                while (tokenRequests(entra).size() == sent && launcher.isAlive() && System.nanoTime() < deadline) {
                    LockSupport.parkNanos(1_000_000);
                }
                LockSupport.parkNanos(random.nextLong(window.toNanos()));
                launcher.destroyForcibly();   // the launcher execs the JVM: the process is the CLI
                if (!launcher.waitFor(run.multipliedBy(10).toMillis(), TimeUnit.MILLISECONDS)) {
                    launcher.destroyForcibly();
                    fail("run " + i + " neither ended nor was killed (seed " + seed + ")");
                }
                int exit = launcher.exitValue();
                if (exit == SIGKILLED) {
                    killed++;
                } else if (exit != 0) {
                    fail("run " + i + " exited " + exit + " (seed " + seed + ")");
                }
            }
            assertTrue(killed > 0, "no run was killed: the harness proves nothing (seed " + seed + ")");

            TokenStore store = TokenStore.open(home);
            List<Set<String>> cached = store.msalAccessTokenScopes(PROFILE);
            assertTrue(cached.size() == 1 && cached.getFirst().contains(GRAPH), "msal's cache parses and holds the token: " + cached);
            // The CLI's own cache answers before msal without the token-cache lock: without it, the next run takes the
            // lock the killed runs held and reads msal's cache as they left it.
            assertTrue(store.forgetLeanCache(PROFILE));
            entra.clearRequests();
            Image.Result first = image.run("get-token", "-p", PROFILE);
            Image.Result second = image.run("get-token", "-p", PROFILE);
            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.err().contains("Using cached token"), first.err());
            assertEquals(0, second.exitCode(), second.err());
            assertTrue(second.err().contains("Using cached token"), second.err());
            assertEquals(first.out(), second.out());
            assertEquals(List.of(), entra.requests(), "both runs are answered from the caches the killed runs left");
            assertFalse(store.has(PROFILE, VaultTokenCache.QUARANTINE), "no cache was found corrupt");
            System.out.printf("TC1 kills: %d of %d runs killed in the %d ms after their request (seed %d), %d s in all%n",
                    killed, iterations, window.toMillis(), seed, Duration.ofNanos(System.nanoTime() - started).toSeconds());
        }
    }

    /** The image against the emulator, with a client-secret profile {@value #PROFILE} and no token yet. */
    private Image profile(EntraEmulator entra) throws Exception {
        Image image = Image.against(entra, home);
        Image.Result create = image.createSecretProfile(entra, PROFILE, entra.seed().clientSecret().value());
        assertEquals(0, create.exitCode(), create.err());
        return image;
    }

    /**
     * Runs the same command on a second profile whose lock is free — start-up, store, msal, a request and the cache
     * writes: everything but a lock wait — to know how long that takes now, under the machine's current load.
     */
    private static Duration unlockedRun(Image image, EntraEmulator entra) {
        assertEquals(0, image.createSecretProfile(entra, "unlocked", entra.seed().clientSecret().value()).exitCode());
        long start = System.nanoTime();
        Image.Result result = image.run("get-token", "-p", "unlocked");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, result.exitCode(), result.err());
        return took;
    }

    /** The profile's token-cache lock file, in a {@code locks} directory private to the owner as the CLI makes it. */
    private Path lockFile() throws Exception {
        Path locks = home.resolve("locks");
        if (!Files.isDirectory(locks)) {
            Files.createDirectory(locks, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return locks.resolve(PROFILE + ".token-cache.lock");
    }

    /** Whether this JVM could take the lock now (it holds no lock of its own on the file). */
    private static boolean lockable(Path lockFile) throws Exception {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        }
    }

    private static List<RecordedRequest> tokenRequests(EntraEmulator entra) {
        return entra.requests().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).toList();
    }
}
