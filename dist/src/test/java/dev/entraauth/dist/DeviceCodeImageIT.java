package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.EntraEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DeviceCode flow through the jlink image, with a person approving the code at the emulator as it is shown. */
class DeviceCodeImageIT {
    static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path home;

    @Test
    void aDeviceCodeSignInPrintsOnlyTheTokenJsonOnStdoutAndTheCodeWithAWarningOnStderrNeverTheDeviceCode() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            entra.deviceCodeTiming(Duration.ofMinutes(15), 1);
            Image image = imageFor(entra);
            assertEquals(0, publicProfile(image, entra).exitCode());

            Image.Result result = whileApproving(entra, () -> image.run("get-token", "-p", "phone", "-f", "DeviceCode",
                    "--output", "json", "--debug"));

            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().strip().startsWith("{") && result.out().contains("\"access_token\" : \"ey"), result.out());
            String url = entra.baseUrl() + "/devicelogin";
            Matcher code = Pattern.compile("(?m)^Code: ([A-Z0-9]{9})$").matcher(result.err());
            assertTrue(code.find(), result.err());
            assertTrue(result.err().contains("Device Code Authentication\nTo sign in, use a web browser to open " + url
                    + "\nand enter the code: " + code.group(1) + "\nCode: " + code.group(1) + "\nURL: " + url + "\n"), result.err());
            assertTrue(result.err().contains("Warning: enter this code only if you started this sign-in yourself just now"), result.err());
            assertTrue(result.err().contains("[debug] POST " + entra.baseUrl()), "--debug was on: " + result.err());
            List<String> deviceCodes = entra.issuedDeviceCodes();
            assertEquals(1, deviceCodes.size());
            for (String canary : List.of(deviceCodes.getFirst(), "device_code", "DAQABAAEAAA")) {
                assertFalse(result.out().contains(canary), "the device code is in the JSON: " + result.out());
                assertFalse(result.err().contains(canary), "the device code is on stderr: " + result.err());
            }
            assertEquals(List.of(), entra.bugs());
        }
    }

    @Test
    void withSilentTheCodeIsStillShownButNothingElse() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            entra.deviceCodeTiming(Duration.ofMinutes(15), 1);
            Image image = imageFor(entra);
            assertEquals(0, publicProfile(image, entra).exitCode());

            Image.Result result = whileApproving(entra, () -> image.run("get-token", "-p", "phone", "-f", "device-code", "--silent"));

            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().startsWith("ey"), result.out());
            assertTrue(result.err().contains("Code: ") && result.err().contains("URL: " + entra.baseUrl() + "/devicelogin"), result.err());
            assertTrue(result.err().contains("Warning: enter this code only if"), result.err());
            assertFalse(result.err().contains("Waiting for sign-in"), "--silent hides messages: " + result.err());
            assertFalse(result.err().contains("Token expires"), result.err());
        }
    }

    /** TC3 across processes: the second get-token waits for the first one's sign-in, then uses its tokens. */
    @Test
    void twoConcurrentProcessesOfOneProfileAskForOneDeviceCode() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            entra.deviceCodeTiming(Duration.ofMinutes(15), 1);
            Image image = imageFor(entra);
            assertEquals(0, publicProfile(image, entra).exitCode());

            // The user takes 5 s to approve, so the second process surely starts while the first one's sign-in is under way.
            // Threads of their own: the common pool may run one task at a time (on 2 CPUs), which would serialize the two.
            List<Image.Result> results = whileApproving(entra, Duration.ofSeconds(5), () -> {
                try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                    var first = threads.submit(() -> image.run("get-token", "-p", "phone", "-f", "DeviceCode"));
                    var second = threads.submit(() -> image.run("get-token", "-p", "phone", "-f", "DeviceCode"));
                    return List.of(first.get(), second.get());
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    throw new AssertionError(e);
                }
            });

            for (Image.Result result : results) {
                assertEquals(0, result.exitCode(), result.err());
                assertTrue(result.out().startsWith("ey"), result.out());
            }
            assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/devicecode")).count(), "one device code");
            assertEquals(1, results.stream().filter(r -> r.err().contains("Code: ")).count(), "one process showed a code");
            assertTrue(results.stream().anyMatch(r -> r.err().contains("Another sign-in for profile 'phone' is in progress")),
                    "the two overlapped, one waited for the other's sign-in: " + results.get(0).err() + "\n---\n" + results.get(1).err());
        }
    }

    @Test
    void aDeclinedSignInIsOneLineWithExit11AndNoSecondCode() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            entra.deviceCodeTiming(Duration.ofMinutes(15), 1);
            Image image = imageFor(entra);
            assertEquals(0, publicProfile(image, entra).exitCode());
            AtomicBoolean stop = new AtomicBoolean();
            Thread user = Thread.ofVirtual().start(() -> {
                while (!stop.get() && entra.declineDeviceCodes() == 0) {
                    pause();
                }
            });

            Image.Result result = image.run("get-token", "-p", "phone", "-f", "DeviceCode");
            stop.set(true);
            user.join();

            assertEquals(11, result.exitCode(), result.err());
            assertTrue(result.err().lines().anyMatch(l -> l.startsWith("Error: ") && l.contains("the sign-in was declined")), result.err());
            assertFalse(result.err().contains("\tat "), "no stack trace without --debug: " + result.err());
            assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/devicecode")).count(), "no automatic restart");
        }
    }

    /** Runs the image while the seeded user approves the device code as soon as one is pending. */
    private static <T> T whileApproving(EntraEmulator entra, java.util.function.Supplier<T> run) throws InterruptedException {
        return whileApproving(entra, Duration.ZERO, run);
    }

    /** Runs the image while the seeded user approves the device code once a request for one is this old. */
    private static <T> T whileApproving(EntraEmulator entra, Duration after, java.util.function.Supplier<T> run)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread user = Thread.ofVirtual().start(() -> {
            while (!stop.get()) {
                boolean old = entra.requests().stream().anyMatch(r -> r.path().endsWith("/devicecode")
                        && r.at().plus(after).isBefore(java.time.Instant.now()));
                if (old && entra.approveDeviceCodes() > 0) {
                    return;
                }
                pause();
            }
        });
        try {
            return run.get();
        } finally {
            stop.set(true);
            user.join();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Image imageFor(EntraEmulator entra) throws java.io.IOException {
        Path ca = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
        return new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", PASSPHRASE).env("ENTRA_AUTH_CLI_CA_BUNDLE", ca.toString());
    }

    /** A public-client profile for the emulator's public app. */
    private static Image.Result publicProfile(Image image, EntraEmulator entra) {
        EntraEmulator.Seed seed = entra.seed();
        return image.run("config", "create", "--no-prompt", "--name", "phone", "--tenant-id", seed.tenant().id(),
                "--client-id", seed.publicApp().clientId(), "--auth-method", "PublicClient",
                "--authority-host", entra.baseUrl(), "--scope", "https://graph.microsoft.com/User.Read");
    }
}
