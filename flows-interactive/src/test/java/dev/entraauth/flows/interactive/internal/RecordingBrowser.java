package dev.entraauth.flows.interactive.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A {@code BROWSER} command that only writes down the URLs it is asked to open, one per line, and exits 0: the test
 * then plays the browser's part itself.
 */
final class RecordingBrowser {
    private final Path script;
    private final Path urls;

    RecordingBrowser(Path dir) throws Exception {
        this.urls = dir.resolve("opened-urls.txt");
        this.script = dir.resolve("recording-browser");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '" + urls + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    /** {@return the BROWSER value, with %s so the URL is the first argument} */
    String command() {
        return script + " %s";
    }

    List<String> opened() throws Exception {
        return Files.exists(urls) ? Files.readAllLines(urls) : List.of();
    }

    /** Waits until {@code count} URLs were opened, and returns them. */
    List<String> awaitOpened(int count, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (opened().size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the browser was asked to open " + opened().size() + " URLs, expected " + count);
            }
            Thread.sleep(50);
        }
        return opened();
    }
}
