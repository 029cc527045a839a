package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.EntraEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TC2 through the image: twenty processes add tokens for twenty scopes to one profile's caches at once while this
 * JVM keeps reading and parsing the cache the way another process would (the MSAL-extensions test pattern); then
 * twenty processes at once are answered from those caches.
 */
class TokenCacheConcurrencyIT {
    private static final String PROFILE = "shared";
    private static final int PROCESSES = 20;
    private static final Duration READ_PAUSE = Duration.ofMillis(10);

    @TempDir
    Path home;

    @Test
    void twentyProcessesForTwentyScopesOnOneProfileLoseNoEntryAndEveryConcurrentReadParses() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // Twenty JVMs starting at once on a small shared machine take a while: each gets three minutes.
            Image image = Image.against(entra, home).timeout(Duration.ofMinutes(3));
            assertEquals(0, image.createSecretProfile(entra, PROFILE, entra.seed().clientSecret().value()).exitCode());
            List<String> scopes = IntStream.range(0, PROCESSES)
                    .mapToObj(i -> entra.seed().tenant().addApplication("TC2 resource " + i).identifierUri() + "/.default")
                    .toList();
            TokenStore store = TokenStore.open(home);

            AtomicBoolean writing = new AtomicBoolean(true);
            Future<Reads> reader = threads.submit(() -> {
                Reads reads = new Reads();
                Set<Set<String>> seen = Set.of();
                while (writing.get()) {
                    Set<Set<String>> now = Set.copyOf(store.msalAccessTokenScopes(PROFILE));   // throws if a read is torn
                    if (!now.containsAll(seen)) {
                        reads.lost.add("read " + reads.count + " lost " + seen.stream().filter(s -> !now.contains(s)).toList());
                    }
                    seen = now;
                    reads.count++;
                    reads.largest = Math.max(reads.largest, now.size());
                    Thread.sleep(READ_PAUSE);   // leaves the writers the CPU a busy loop would take
                }
                return reads;
            });
            long start = System.nanoTime();
            List<Image.Result> fresh;
            try {
                fresh = getTokensAtOnce(image, scopes, threads);
            } finally {
                writing.set(false);
            }
            Duration writers = Duration.ofNanos(System.nanoTime() - start);
            Reads reads = reader.get();

            assertAllSucceeded(fresh);
            assertEquals(List.of(), reads.lost, "a read saw fewer entries than the one before it: an update was lost");
            assertTrue(reads.count >= PROCESSES, "the reader parsed the cache only " + reads.count + " times while it was written");
            List<Set<String>> msal = store.msalAccessTokenScopes(PROFILE);
            assertEquals(PROCESSES, msal.size(), "msal's cache: " + msal);
            for (String scope : scopes) {
                assertEquals(1, msal.stream().filter(target -> target.contains(scope)).count(), scope + " in msal's cache: " + msal);
            }
            assertEquals(Set.copyOf(scopes), Set.copyOf(store.leanCacheScopes(PROFILE)), "the CLI's own cache holds every token");

            // The CLI's own cache answers before msal's: without it, msal's cache answers all twenty at once, and the
            // twenty processes write the CLI's cache back at once.
            entra.clearRequests();
            store.forgetLeanCache(PROFILE);
            long fromMsal = System.nanoTime();
            List<Image.Result> msalAnswers = getTokensAtOnce(image, scopes, threads);
            Duration readers = Duration.ofNanos(System.nanoTime() - fromMsal);
            assertAllSucceeded(msalAnswers);
            assertAllFromTheCache(msalAnswers);
            assertEquals(List.of(), entra.requests(), "msal's cache answers each scope without a request");
            List<String> lean = store.leanCacheScopes(PROFILE);
            assertEquals(Set.copyOf(scopes), Set.copyOf(lean), "the CLI's own cache lost a token written at the same time");
            assertEquals(PROCESSES, lean.size(), "the CLI's own cache: " + lean);

            List<Image.Result> leanAnswers = getTokensAtOnce(image, scopes, threads);
            assertAllSucceeded(leanAnswers);
            assertAllFromTheCache(leanAnswers);
            assertEquals(List.of(), entra.requests(), "the CLI's own cache answers each scope without a request");
            for (int i = 0; i < PROCESSES; i++) {
                assertEquals(fresh.get(i).out(), msalAnswers.get(i).out(), scopes.get(i));
                assertEquals(fresh.get(i).out(), leanAnswers.get(i).out(), scopes.get(i));
            }
            System.out.printf("TC2: %d processes wrote in %d s while %d reads parsed (up to %d entries seen by one read);"
                    + " %d answered from msal's cache at once in %d s%n",
                    PROCESSES, writers.toSeconds(), reads.count, reads.largest, PROCESSES, readers.toSeconds());
        }
    }

    /** What the reader saw. */
    private static final class Reads {
        final List<String> lost = new ArrayList<>();
        int count;
        int largest;
    }

    /** Starts {@code get-token} for every scope at once and waits for them all; the results are in scope order. */
    private static List<Image.Result> getTokensAtOnce(Image image, List<String> scopes, ExecutorService threads) throws Exception {
        List<Future<Image.Result>> runs = new ArrayList<>();
        for (String scope : scopes) {
            runs.add(threads.submit(() -> image.run("get-token", "-p", PROFILE, "--scope", scope)));
        }
        List<Image.Result> results = new ArrayList<>();
        for (Future<Image.Result> run : runs) {
            results.add(run.get());
        }
        return results;
    }

    private static void assertAllSucceeded(List<Image.Result> results) {
        String outcomes = results.stream().map(r -> r.exitCode() + " " + r.err().lines().findFirst().orElse(""))
                .collect(Collectors.joining("\n"));
        for (Image.Result result : results) {
            assertEquals(0, result.exitCode(), outcomes);
            assertTrue(result.out().startsWith("ey"), result.out());
        }
    }

    private static void assertAllFromTheCache(List<Image.Result> results) {
        for (Image.Result result : results) {
            assertTrue(result.err().contains("Using cached token"), result.err());
        }
    }
}
