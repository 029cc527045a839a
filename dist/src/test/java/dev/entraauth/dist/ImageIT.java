package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.EntraEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jlink image, run as a user runs it. */
class ImageIT {
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    static final String CANARY = "canary-Qx7_secret-value";

    @TempDir
    Path home;

    @Test
    void versionPrintsTheModuleVersionAndNothingOnStderr() {
        Image.Result result = new Image(home).run("--version");

        assertEquals(0, result.exitCode());
        assertTrue(result.out().matches("(?s)entra-auth-cli \\d+\\.\\d+\\.\\d+\\S*\nJava 25.*"), result.out());
        assertEquals("", result.err(), "no JVM warning reaches stderr");
    }

    @Test
    void theImageHoldsOnlyTheModulesItNeeds() throws Exception {
        String list = Files.readAllLines(Image.DIR.resolve("release")).stream()
                .filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
        assertTrue(list.contains("dev.entraauth.cli") && list.contains("dev.entraauth.storage.linux"), list);
        assertFalse(list.contains("java.desktop"), "java.desktop is not needed: " + list);
        assertFalse(list.contains("jdk.jdwp"), list);
    }

    @Test
    void pluginsListsTheStoreFoundThroughServiceLoaderWithModuleVersionAndAvailability() {
        Image.Result result = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE).run("plugins");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("encrypted-file  available  dev.entraauth.storage.linux "), result.out());
        assertTrue(result.out().lines().anyMatch(l -> l.contains("encrypted-file  available  dev.entraauth.storage.linux ")
                && l.endsWith("  built-in")), result.out());

        Image.Result json = new Image(home).run("plugins", "--output", "json");
        assertTrue(json.out().contains("\"module\" : \"dev.entraauth.storage.linux\""), json.out());
        assertTrue(json.out().contains("\"location\" : \"jrt:/dev.entraauth.storage.linux\"")
                && json.out().contains("\"origin\" : \"built-in\""), json.out());
    }

    @Test
    void configRoundTripFromFlagsKeepsTheSecretOutOfFilesOutputAndArgv() throws Exception {
        Image image = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE);
        List<String> commandLines = new ArrayList<>();

        Image.Result create = image.runWhileStarted(CANARY + "\n", process -> commandLines.addAll(commandLinesOf(process)),
                "config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin", "--scope", "https://graph.microsoft.com/.default", "--environment", "prod");
        assertEquals(0, create.exitCode(), create.err());
        assertFalse(commandLines.isEmpty(), "the process's command line was sampled");
        assertTrue(commandLines.stream().noneMatch(l -> l.contains(CANARY)), commandLines.toString());

        Image.Result list = image.run("config", "list");
        assertTrue(list.out().contains("ci") && list.out().contains(TENANT), list.out());
        Image.Result show = image.run("config", "show", "-p", "ci");
        Image.Result edit = image.runWithInput("prod-secret-2\n", "config", "edit", "-p", "ci", "--secret-stdin", "--environment", "staging");
        assertEquals(0, edit.exitCode(), edit.err());
        Path export = home.resolve("export.json");
        Image.Result exported = image.env("ENTRA_AUTH_CLI_EXPORT_PASSPHRASE", "export passphrase 42")
                .run("config", "export", "-o", export.toString(), "--include-secrets");
        assertEquals(0, exported.exitCode(), exported.err());
        Image.Result delete = image.run("config", "delete", "-p", "ci", "--yes");
        assertEquals(0, delete.exitCode(), delete.err());
        Image.Result imported = image.run("config", "import", "-f", export.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        Image.Result again = image.run("config", "show", "-p", "ci", "--output", "json");
        assertTrue(again.out().contains("\"environment\" : \"staging\""), again.out());

        for (Image.Result r : List.of(create, list, show, edit, exported, delete, imported, again)) {
            assertFalse(r.all().contains(CANARY) || r.all().contains("prod-secret-2"), r.all());
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(CANARY) || content.contains("prod-secret-2"), "secret in plaintext in " + file);
            }
        }
    }

    @Test
    void filesAreCreatedPrivateUnderUmask022() throws Exception {
        Path fresh = home.resolve("fresh-home");
        Image image = new Image(fresh).env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE);

        Image.Result result = image.shell("umask 022; exec '" + Image.LAUNCHER + "' config create --no-prompt --name ci"
                + " --tenant-id " + TENANT + " --client-id " + CLIENT + " --secret-stdin", CANARY);

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("rwx------", mode(fresh));
        assertEquals("rw-------", mode(fresh.resolve("profiles.json")));
        assertEquals("rw-------", mode(fresh.resolve("tokens.enc")));
    }

    @Test
    void aCorruptProfileFileIsReportedAndLeftByteForByte() throws Exception {
        Path file = home.resolve("profiles.json");
        Files.writeString(file, "{\n  \"schemaVersion\": 1,\n  \"profiles\": [ { \"name\": \"x\", \"tenantId\": 42 } ]\n}\n");
        byte[] before = Files.readAllBytes(file);

        Image.Result result = new Image(home).run("config", "list");

        assertEquals(5, result.exitCode());
        assertTrue(result.err().startsWith("Error: " + file + ": line 3, column "), result.err());
        assertTrue(result.err().contains("tenantId"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void getTokenWithAClientSecretAgainstTheEmulatorThenFromTheCacheWithoutARequest() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = Image.against(entra, home);
            EntraEmulator.Seed seed = entra.seed();
            Image.Result create = image.createSecretProfile(entra, "default", seed.clientSecret().value());
            assertEquals(0, create.exitCode(), create.err());

            Image.Result first = image.run("get-token");
            Image.Result second = image.run("get-token", "--output", "json");

            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.out().matches("ey[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n"), first.out());
            assertEquals(0, second.exitCode(), second.err());
            assertTrue(second.err().contains("Using cached token"), second.err());
            assertTrue(second.out().contains("\"access_token\" : \"" + first.out().strip() + "\""), second.out());
            assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).count(),
                    "the second call is answered from the cache: " + entra.requests());
            assertFalse((first.all() + second.all()).contains(seed.clientSecret().value()));
        }
    }

    @Test
    void certificateProfilesFromPfxAndPemGetTokensAndBadOnesFailBeforeAnyRequest() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = Image.against(entra, home);
            EntraEmulator.Seed seed = entra.seed();
            EntraEmulator.AppCertificate seeded = entra.seededCertificate();
            EntraEmulator.AppCertificate expiring = entra.newCertificate("expiring soon", java.time.Duration.ofDays(10));
            seed.confidentialApp().addCertificate(expiring.certificate());
            Path pfx = Files.write(home.resolve("app.pfx"), seeded.pkcs12("Pfx-Canary-pass".toCharArray()));
            Path pem = Files.writeString(home.resolve("app.pem"), seeded.certificatePem() + seeded.privateKeyPem());
            Path soon = Files.writeString(home.resolve("soon.pem"), expiring.certificatePem() + expiring.privateKeyPem());
            String common = " --tenant-id " + seed.tenant().id() + " --client-id " + seed.confidentialApp().clientId()
                    + " --authority-host " + entra.baseUrl() + " --scope https://graph.microsoft.com/.default --no-prompt";
            for (String create : List.of(
                    "--name pfx --certificate " + pfx + " --certificate-password-stdin",
                    "--name wrong --certificate " + pfx + " --certificate-password-stdin",
                    "--name pem --certificate " + pem,
                    "--name soon --certificate " + soon)) {
                String stdin = create.startsWith("--name wrong") ? "Wrong-Canary-pass\n" : "Pfx-Canary-pass\n";
                Image.Result created = image.runWithInput(stdin, ("config create " + create + common).split(" "));
                assertEquals(0, created.exitCode(), created.err());
            }

            Image.Result fromPfx = image.run("get-token", "-p", "pfx");
            Image.Result fromPem = image.run("get-token", "-p", "pem", "--output", "json");
            Image.Result fromSoon = image.run("get-token", "-p", "soon");
            long requestsBefore = entra.requests().size();
            Image.Result wrong = image.run("get-token", "-p", "wrong");

            assertEquals(0, fromPfx.exitCode(), fromPfx.err());
            assertTrue(fromPfx.out().matches("ey[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n"), fromPfx.out());
            assertEquals(0, fromPem.exitCode(), fromPem.err());
            assertTrue(fromPem.out().contains("\"access_token\" : \"ey"), fromPem.out());
            assertEquals(0, fromSoon.exitCode(), fromSoon.err());
            assertTrue(fromSoon.err().contains("the certificate in " + soon + " expires on ")
                    && fromSoon.err().contains("(in 9 days)"), fromSoon.err());
            assertEquals(5, wrong.exitCode(), wrong.err());
            assertTrue(wrong.err().startsWith("Error: certificate password incorrect for " + pfx), wrong.err());
            assertEquals(1, wrong.err().lines().count(), wrong.err());
            assertEquals(requestsBefore, entra.requests().size(), "a wrong password sends nothing");
            for (Image.Result r : List.of(fromPfx, fromPem, fromSoon, wrong)) {
                assertFalse(r.all().contains("Canary-pass"), "a password leaked: " + r.all());
            }
        }
    }

    @Test
    void anUnknownFlowNameExits2ListingTheFlowsBeforeAnyRequest() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = Image.against(entra, home);
            image.createSecretProfile(entra, "default", entra.seed().clientSecret().value());

            Image.Result result = image.run("get-token", "--flow", "magic");

            assertEquals(2, result.exitCode());
            assertTrue(result.err().contains("unknown flow 'magic'. Valid flows: ClientCredentials"), result.err());
            assertEquals(List.of(), entra.requests(), "nothing was sent");
        }
    }

    /**
     * SP2: every path the process and its threads touch (strace's file-syscall class) while a secret is stored
     * from stdin, from a file, and sent in token requests; the secret never appears as a path, while the paths
     * it legitimately uses do (so a trace that recorded nothing would fail the test).
     */
    @Test
    void aSecretIsNeverUsedAsAFilesystemPath() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = Image.against(entra, home);
            EntraEmulator.Seed seed = entra.seed();
            String secret = seed.clientSecret().value();
            Path secretFile = Files.writeString(home.resolve("secret.txt"), secret + "\n");
            Path trace = home.resolve("strace.log");
            String strace = "strace -f -qq -e trace=%file -s 4096 -o " + trace + " " + Image.LAUNCHER + " ";
            String profile = " --no-prompt --tenant-id " + seed.tenant().id() + " --client-id " + seed.confidentialApp().clientId()
                    + " --authority-host " + entra.baseUrl() + " --scope https://graph.microsoft.com/.default";

            List<Image.Result> runs = new ArrayList<>();
            List<String> traced = new ArrayList<>();
            for (String command : List.of(
                    "config create --name from-stdin --secret-stdin" + profile,
                    "config create --name from-file --secret-file " + secretFile + profile,
                    "get-token -p from-stdin",
                    "get-token -p from-file --force --debug")) {
                runs.add(image.shell(strace + command, secret + "\n"));
                traced.add(Files.readString(trace));
            }

            for (int i = 0; i < runs.size(); i++) {
                assertEquals(0, runs.get(i).exitCode(), runs.get(i).err());
                assertFalse(traced.get(i).contains(secret), "the secret was used as a path:\n" + traced.get(i));
                assertTrue(traced.get(i).contains(home.resolve("tokens.enc").toString()), "the trace recorded paths");
            }
            assertTrue(traced.get(1).contains(secretFile.toString()), "the explicit --secret-file path is opened");
            assertFalse(runs.stream().anyMatch(r -> r.all().contains(secret)));
        }
    }

    @Test
    void debugOutputNeverShowsTheSecretOrAToken() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = Image.against(entra, home);
            EntraEmulator.Seed seed = entra.seed();
            image.createSecretProfile(entra, "dbg", seed.clientSecret().value());

            Image.Result ok = image.run("get-token", "-p", "dbg", "--debug", "--force");
            entra.addFault(dev.entraauth.testkit.Fault.status(503, 0, 1));
            Image.Result retried = image.run("get-token", "-p", "dbg", "--debug", "--force", "--output", "json");

            assertEquals(0, ok.exitCode(), ok.err());
            assertEquals(0, retried.exitCode(), retried.err());
            assertTrue(ok.err().contains("[debug] POST " + entra.baseUrl()), ok.err());
            assertTrue(retried.err().contains("HTTP 503, retry 1"), retried.err());
            java.util.regex.Pattern jwt = java.util.regex.Pattern.compile("ey[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.");
            for (Image.Result r : List.of(ok, retried)) {
                assertFalse(r.all().contains(seed.clientSecret().value()), "the secret leaked: " + r.all());
                assertFalse(jwt.matcher(r.err()).find(), "a token on stderr: " + r.err());
            }
        }
    }

    @Test
    void twentyConcurrentProcessesOnFourProfilesAllSucceedAndNoCacheEntryIsLost() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = Image.against(entra, home);
            List<String> profiles = List.of("p1", "p2", "p3", "p4");
            for (String name : profiles) {
                assertEquals(0, image.createSecretProfile(entra, name, entra.seed().clientSecret().value()).exitCode());
            }

            List<java.util.concurrent.CompletableFuture<Image.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = profiles.get(i % profiles.size());
                runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> image.run("get-token", "-p", name, "--silent")));
            }
            for (var run : runs) {
                Image.Result result = run.join();
                assertEquals(0, result.exitCode(), result.err());
                assertTrue(result.out().startsWith("ey"), result.out());
            }

            entra.clearRequests();
            for (String name : profiles) {
                Image.Result again = image.run("get-token", "-p", name);
                assertEquals(0, again.exitCode(), again.err());
                assertTrue(again.err().contains("Using cached token"), name + ": " + again.err());
            }
            assertEquals(List.of(), entra.requests(), "every profile's cache entry survived the concurrent writers");
        }
    }

    @Test
    void aWrongClientSecretIsOneLineWithTheEntraCodeAndAHint() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Path ca = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
            Image image = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE);   // the CA comes from --ca-bundle here
            image.createSecretProfile(entra, "wrong", CANARY);

            Image.Result result = image.run("get-token", "-p", "wrong", "--ca-bundle", ca.toString());

            assertEquals(10, result.exitCode(), result.err());
            assertEquals("", result.out());
            assertTrue(result.err().startsWith("Error: AADSTS7000215: Invalid client secret provided."), result.err());
            assertTrue(result.err().contains("config edit -p wrong --secret-stdin"), result.err());
            assertEquals(1, result.err().lines().count(), result.err());
            assertFalse(result.all().contains(CANARY));
        }
    }

    @Test
    void aWrongPassphraseIsItsOwnErrorAndChangesNothing() throws Exception {
        Image image = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE);
        image.runWithInput(CANARY, "config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT, "--client-id", CLIENT, "--secret-stdin");
        byte[] before = Files.readAllBytes(home.resolve("tokens.enc"));

        Image.Result result = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", "not the passphrase")
                .run("config", "delete", "-p", "ci", "--yes");

        assertEquals(8, result.exitCode());
        assertTrue(result.err().contains("wrong passphrase"), result.err());
        assertArrayEquals(before, Files.readAllBytes(home.resolve("tokens.enc")));
        assertEquals(0, image.run("config", "show", "-p", "ci").exitCode(), "the profile is still there");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /** The command lines of the process and its descendants, read from /proc while it waits for input. */
    private static List<String> commandLinesOf(Process process) {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> lines = new ArrayList<>();
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).forEach(handle -> {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(handle.pid()), "cmdline"));
                lines.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        return lines;
    }
}
