package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.EntraEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lean cached-token path through the image, against the full path on the same home: {@code -p NAME} takes the
 * lean path, the attached form {@code -p=NAME} (the same option to picocli) is refused by it and goes through the
 * full command line. Both print the same bytes and exit with the same code for a hit (text, JSON, --silent), a hit
 * while another process holds the profile's token-cache lock, an unknown profile, a wrong passphrase and a damaged
 * store. The image's launcher execs the JVM, and a class-data archive it cannot use is ignored in silence.
 */
class CachedTokenImageIT {
    private static final String PROFILE = "ci";

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
    void theLeanAndTheFullPathAnswerAlikeInEveryCacheState() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = Image.against(entra, home);
            assertEquals(0, image.createSecretProfile(entra, PROFILE, entra.seed().clientSecret().value()).exitCode());
            Image.Result first = image.run("get-token", "-p", PROFILE, "--silent");
            assertEquals(0, first.exitCode(), first.err());
            entra.clearRequests();

            sameAnswers(image, "hit");
            assertEquals(List.of(), entra.requests(), "every answer came from the cache");
            Image.Result json = image.run("get-token", "-p", PROFILE, "--output", "json");
            assertTrue(json.out().contains("\"access_token\" : \"" + first.out().strip() + "\""), json.out());
            assertTrue(json.err().startsWith("✓ Using cached token\nToken expires: "), json.err());

            holder = LockHolder.lock(home.resolve("locks").resolve(PROFILE + ".token-cache.lock"));
            sameAnswers(image, "token-cache lock held by another process");
            holder.destroyForcibly();
            holder.waitFor();
            holder = null;

            sameAnswers(image.env("ENTRA_AUTH_CLI_PASSPHRASE", "not the passphrase"), "wrong passphrase");
            image.env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE);
            Path store = home.resolve("tokens.enc");
            byte[] bytes = Files.readAllBytes(store);
            bytes[bytes.length / 2] ^= 0x55;
            Files.write(store, bytes);
            sameAnswers(image, "damaged store");
            assertEquals(List.of(), entra.requests(), "nothing was asked of Entra ID");
        }
    }

    @Test
    void aMissOnTheLeanShapeIsServedByTheFullPathWithOneRequest() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = Image.against(entra, home);
            assertEquals(0, image.createSecretProfile(entra, PROFILE, entra.seed().clientSecret().value()).exitCode());

            Image.Result miss = image.run("get-token", "-p", PROFILE);

            assertEquals(0, miss.exitCode(), miss.err());
            assertTrue(miss.out().startsWith("ey"), miss.out());
            assertTrue(miss.err().startsWith("Token expires: ") && miss.err().contains("Token saved to profile 'ci'"), miss.err());
            assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).count());
        }
    }

    @Test
    void theLauncherExecsTheJvmSoSignalsReachTheCli() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Image.LAUNCHER.toString(), "inspect", "-");   // waits on stdin
        builder.environment().put("ENTRA_AUTH_CLI_HOME", home.toString());
        Process process = builder.start();
        try {
            String command = "";
            for (int i = 0; i < 100 && !command.endsWith("/bin/java"); i++) {
                command = process.toHandle().info().command().orElse("");
                Thread.sleep(50);
            }
            assertTrue(command.endsWith("/bin/java"), "the launched process is the JVM itself: " + command);
            assertEquals(0, process.toHandle().children().count(), "no child process");
        } finally {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Test
    void anArchiveTheJvmCannotUseIsIgnoredInSilence(@TempDir Path copy) throws Exception {
        Path image = copy.resolve("image");
        copyTree(Image.DIR, image);
        Path archive = image.resolve("lib/entra-auth-cli.jsa");
        assertTrue(Files.size(archive) > 0, "the image ships a class-data archive");
        List<String> versions = new ArrayList<>();
        for (String state : List.of("as built", "truncated", "garbage", "missing")) {
            switch (state) {
                case "truncated" -> Files.write(archive, java.util.Arrays.copyOf(Files.readAllBytes(archive), 100_000));
                case "garbage" -> Files.writeString(archive, "not an archive");
                case "missing" -> Files.delete(archive);
                default -> { }
            }
            Process process = new ProcessBuilder(image.resolve("bin/entra-auth-cli").toString(), "--version").start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), state + ": " + err);
            assertEquals("", err, state);
            assertTrue(out.startsWith("entra-auth-cli "), state + ": " + out);
            versions.add(out);
        }
        assertEquals(1, versions.stream().distinct().count(), versions.toString());
    }

    /** Each shape run twice: lean ({@code -p NAME}) and full ({@code -p=NAME}); same stdout, stderr and exit code. */
    private static void sameAnswers(Image image, String state) {
        List<List<String>> options = List.of(List.of("--silent"), List.of(), List.of("--output", "json"),
                List.of("--output", "text", "--silent"));
        for (List<String> option : options) {
            for (String profile : List.of(PROFILE, "nobody")) {
                List<String> lean = new ArrayList<>(List.of("get-token", "-p", profile));
                lean.addAll(option);
                List<String> full = new ArrayList<>(List.of("get-token", "-p=" + profile));
                full.addAll(option);
                Image.Result leanResult = image.run(lean.toArray(String[]::new));
                Image.Result fullResult = image.run(full.toArray(String[]::new));
                assertEquals(fullResult, leanResult, state + " " + lean);
                assertFalse(leanResult.err().contains("Exception"), leanResult.err());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        assertTrue(Files.getPosixFilePermissions(to.resolve("bin/entra-auth-cli"))
                .containsAll(PosixFilePermissions.fromString("r-x------")));
    }
}
