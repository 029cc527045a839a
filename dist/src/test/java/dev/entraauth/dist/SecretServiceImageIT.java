package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.KeyringSession;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux stores through the jlink image: the Secret Service of a real gnome-keyring on a private D-Bus session
 * (the test fails, it does not skip, when the daemons cannot start), the encrypted file outside a session, a
 * keyring that never answers, no usable store at all, and the plaintext opt-in.
 */
class SecretServiceImageIT {
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String CLIENT = "11111111-2222-3333-4444-555555555555";
    static final String CANARY = "canary-Kr9_keyring-secret";
    private static KeyringSession keyring;

    @TempDir
    Path home;

    @BeforeAll
    static void startKeyring() {
        keyring = KeyringSession.start();
    }

    @AfterAll
    static void stopKeyring() {
        if (keyring != null) {
            keyring.close();
        }
    }

    private static Image inKeyringSession(Image image) {
        keyring.environment().forEach(image::env);
        return image;
    }

    private Image.Result createProfile(Image image, String secret) {
        return image.runWithInput(secret + "\n", "config", "create", "--no-prompt", "--name", "ci", "--tenant-id", TENANT,
                "--client-id", CLIENT, "--secret-stdin", "--scope", "https://graph.microsoft.com/.default");
    }

    @Test
    void pluginsShowsTheSecretServiceAvailableInsideAKeyringSessionAndTheFileStoreOutsideOne() {
        Image.Result inside = inKeyringSession(new Image(home)).run("plugins");
        Image.Result outside = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE).run("plugins");

        assertEquals(0, inside.exitCode(), inside.err());
        assertTrue(inside.out().contains("* secret-service  available  dev.entraauth.storage.linux "), inside.out());
        assertTrue(inside.out().contains("write, read and delete probed"), inside.out());
        assertEquals("", inside.err(), "no JNA or native-access warning reaches stderr");
        assertEquals(0, outside.exitCode(), outside.err());
        assertTrue(outside.out().contains("  secret-service  unavailable  dev.entraauth.storage.linux "), outside.out());
        assertTrue(outside.out().contains("no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)"), outside.out());
        assertTrue(outside.out().contains("* encrypted-file  available  dev.entraauth.storage.linux "), outside.out());
        assertEquals("", outside.err());
    }

    @Test
    void aSecretStoredInsideAKeyringSessionIsReadByALaterRunAndIsInNoFileUnderTheHome() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = inKeyringSession(Image.against(entra, home));
            String secret = entra.seed().clientSecret().value();

            Image.Result create = image.createSecretProfile(entra, "default", secret);
            Image.Result token = image.run("get-token");

            assertEquals(0, create.exitCode(), create.err());
            assertTrue(create.all().contains("'secret-service' secret store"), create.all());
            assertEquals(0, token.exitCode(), "a later run read the secret from the keyring: " + token.err());
            assertTrue(token.out().startsWith("ey"), token.out());
            assertFalse(token.err().contains("WARNING") || token.err().contains("native"), token.err());
            List<Path> files;
            try (Stream<Path> walk = Files.walk(home)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertFalse(files.stream().anyMatch(f -> f.getFileName().toString().equals("tokens.enc")), files.toString());
            for (Path file : files) {
                byte[] content = Files.readAllBytes(file);
                String text = new String(content, StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(secret), file + " holds the secret");
                assertFalse(text.contains(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8))),
                        file + " holds the secret's base64");
            }
            String items = secretTool("search", "--all", "application", "entra-auth-cli", "home", home.toString(), "profile", "default");
            assertTrue(items.contains("attribute.kind = client-secret"), items);
            assertTrue(items.contains("attribute.kind = token-cache"), "the token cache is in the keyring too: " + items);
        }
    }

    /**
     * The cached-token path with the Secret Service store starts no process: JNA's class initialisation would run
     * {@code ldconfig -p} on every start unless the image leaves finding libsecret to the dynamic loader
     * (dist/pom.xml, {@code jna.platform.library.path}); strace records every program executed, the launcher's own
     * {@code readlink} and {@code dirname} included, so a trace that recorded nothing fails too.
     */
    @Test
    void aCachedTokenFromTheSecretServiceStartsNoProcess() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Image image = inKeyringSession(Image.against(entra, home));
            image.createSecretProfile(entra, "default", entra.seed().clientSecret().value());
            Image.Result first = image.run("get-token");
            Path trace = home.resolve("execve.log");

            Image.Result cached = image.shell("strace -f -qq -e trace=execve -o " + trace + " " + Image.LAUNCHER
                    + " get-token --silent", "");

            assertEquals(0, first.exitCode(), first.err());
            assertEquals(0, cached.exitCode(), cached.err());
            assertTrue(cached.out().startsWith("ey"), cached.out());
            List<String> programs = new ArrayList<>();
            Matcher execve = Pattern.compile("execve\\(\"([^\"]+)\"").matcher(Files.readString(trace));
            while (execve.find()) {
                programs.add(Path.of(execve.group(1)).getFileName().toString());
            }
            assertTrue(programs.contains("java"), "the trace recorded the JVM: " + programs);
            assertEquals(List.of("java"), programs.subList(programs.indexOf("java"), programs.size()),
                    "after the launcher execs the JVM nothing else is executed: " + programs);
        }
    }

    @Test
    void aKeyringThatNeverAnswersIsGivenUpAfterThreeSecondsAndTheCommandStillFinishes() throws Exception {
        Path socket = home.resolve("silent-bus");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            List<SocketChannel> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());   // accepts and never says a word
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            Image image = new Image(home).env("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket)
                    .env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE);

            long start = System.nanoTime();
            Image.Result plugins = image.run("plugins");
            double seconds = (System.nanoTime() - start) / 1e9;

            assertEquals(0, plugins.exitCode(), plugins.err());
            assertTrue(plugins.out().contains("did not answer within 3 s"), plugins.out());
            assertTrue(plugins.out().contains("* encrypted-file  available"), plugins.out());
            assertTrue(seconds < 8, "plugins took " + seconds + " s");
            server.close();
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
            for (SocketChannel channel : accepted) {
                channel.close();
            }
        }
    }

    @Test
    void withNoUsableStoreACommandFailsWithinFiveSecondsNamingTheOptInAndWritesNoSecret() throws Exception {
        Image image = new Image(home);   // no D-Bus session, no passphrase, no terminal, no opt-in

        long start = System.nanoTime();
        Image.Result result = createProfile(image, CANARY);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertNotEquals(0, result.exitCode());
        assertTrue(seconds < 5, "took " + seconds + " s");
        assertTrue(result.err().contains("ENTRA_AUTH_CLI_INSECURE_STORAGE=1"), result.err());
        assertTrue(result.err().contains("ENTRA_AUTH_CLI_PASSPHRASE"), result.err());
        assertTrue(result.err().contains("DBUS_SESSION_BUS_ADDRESS"), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertFalse(Files.exists(home.resolve("secrets.plaintext")));
        assertFalse(Files.exists(home.resolve("tokens.enc")));
        try (Stream<Path> walk = Files.walk(home)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(CANARY), file + " holds the secret");
            }
        }
    }

    @Test
    void thePlaintextOptInShowsInPluginsWarnsOnStderrAtEveryWriteAndItsFileIs0600UnderUmask022() throws Exception {
        Path fresh = home.resolve("fresh-home");
        Image image = new Image(fresh).env("ENTRA_AUTH_CLI_INSECURE_STORAGE", "1");

        Image.Result plugins = image.run("plugins");
        Image.Result create = image.shell("umask 022; exec '" + Image.LAUNCHER + "' config create --no-prompt --name ci"
                + " --tenant-id " + TENANT + " --client-id " + CLIENT + " --secret-stdin", CANARY + "\n");
        Image.Result edit = image.runWithInput("second-" + CANARY + "\n", "config", "edit", "-p", "ci", "--secret-stdin");
        Image.Result list = image.run("config", "list");

        assertTrue(plugins.out().contains("* plaintext  available  dev.entraauth.storage.plaintext "), plugins.out());
        assertTrue(plugins.out().contains("PLAINTEXT"), plugins.out());
        assertEquals(0, create.exitCode(), create.err());
        assertEquals(1, count(create.err(), "UNENCRYPTED"), create.err());
        assertEquals(0, edit.exitCode(), edit.err());
        assertEquals(1, count(edit.err(), "UNENCRYPTED"), edit.err());
        assertEquals(0, count(list.err(), "UNENCRYPTED"), "reading does not warn: " + list.err());
        assertFalse((create.err() + edit.err()).contains(CANARY), "the warning holds no secret");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("secrets.plaintext"))));
    }

    private static int count(String text, String word) {
        return text.split(word, -1).length - 1;
    }

    private static String secretTool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("secret-tool"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(keyring.environment());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "secret-tool did not finish");
        return out;
    }
}
