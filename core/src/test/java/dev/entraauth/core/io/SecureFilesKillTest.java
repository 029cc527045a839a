package dev.entraauth.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SECURITY-CHECKLIST CD1: a writer killed with SIGKILL at random moments never leaves a torn file — it is
 * always the old or the new document. Each iteration is a real process killed while it rewrites the file.
 */
class SecureFilesKillTest {
    /** 150 by default (about 25 s); {@code -Dcd1.iterations=1000} runs the checklist's full count (about 3 min). */
    static final int ITERATIONS = Integer.getInteger("cd1.iterations", 150);

    @TempDir
    Path dir;

    @Test
    void aWriterKilledAtRandomMomentsAlwaysLeavesTheOldOrTheNewDocument() throws Exception {
        String a = "{\"schemaVersion\": 1, \"profiles\": [], \"pad\": \"" + "a".repeat(40_000) + "\"}\n";
        String b = "{\"schemaVersion\": 1, \"profiles\": [], \"pad\": \"" + "b".repeat(60_000) + "\"}\n";
        Path target = dir.resolve("profiles.json");
        Files.writeString(target, a);
        String java = ProcessHandle.current().info().command().orElseThrow();
        String classPath = String.join(System.getProperty("path.separator"),
                Path.of("target", "classes").toAbsolutePath().toString(), Path.of("target", "test-classes").toAbsolutePath().toString());
        int killedWhileWriting = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath,
                    AtomicWriterChild.class.getName(), target.toString(), a, b).redirectErrorStream(true).start();
            Thread.sleep(ThreadLocalRandom.current().nextInt(60, 260));
            if (child.isAlive()) {
                killedWhileWriting++;
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            String content = Files.readString(target, StandardCharsets.UTF_8);
            assertTrue(content.equals(a) || content.equals(b), "iteration " + i + ": a torn file of " + content.length() + " chars");
        }
        assertTrue(killedWhileWriting > ITERATIONS / 2, "the writer was killed mid-loop in " + killedWhileWriting + " iterations");
        List<Path> leftovers;
        try (var files = Files.list(dir)) {
            leftovers = files.filter(p -> !p.equals(target)).toList();
        }
        for (Path temp : leftovers) {
            assertTrue(temp.getFileName().toString().startsWith(".profiles.json."), "only temporary files are left: " + temp);
            assertTrue(Files.getPosixFilePermissions(temp).toString().equals("[OWNER_READ, OWNER_WRITE]"), "left temp files are 0600");
        }
    }
}
