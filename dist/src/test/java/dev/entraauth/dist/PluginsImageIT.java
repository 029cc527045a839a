package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugins of {@code examples/}, built by their own pom against the api and testkit artifacts (installed
 * into a throwaway local repository; the build runs the example store's SecretStoreContract test), dropped into
 * the {@code plugins/} directory of a copy of the built image: a flow and a secret store from outside work through
 * {@code plugins}, {@code config create} and {@code get-token}; a broken jar is reported and skipped; a plugins
 * directory others can write to is refused with its reason.
 */
class PluginsImageIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static Path examplePlugin;

    @TempDir
    static Path build;

    @TempDir
    Path work;

    private Path image;
    private Path home;
    private Path secrets;
    private Path storeScript;

    @BeforeAll
    static void buildTheExamplePlugins() throws Exception {
        Path shipped = Image.DIR.resolve("plugins");
        assertTrue(Files.isDirectory(shipped), "the image ships a plugins/ directory");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(shipped)) {
            assertTrue(!entries.iterator().hasNext(), "the shipped plugins/ directory is empty");
        }
        Path repository = build.resolve("repository");
        String tail = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
        Path apiJar;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(ROOT.resolve("api/target"), "entra-auth-api-*.jar")) {
            List<Path> found = new ArrayList<>();
            jars.forEach(found::add);
            found.removeIf(p -> p.getFileName().toString().endsWith("-sources.jar") || p.getFileName().toString().endsWith("-javadoc.jar"));
            assertEquals(1, found.size(), "the api jar, built by ./mvnw package: " + found);
            apiJar = found.getFirst();
        }
        String version = apiJar.getFileName().toString().replaceFirst("^entra-auth-api-", "").replaceFirst("\\.jar$", "");
        List<String> local = List.of("-Dmaven.repo.local=" + repository, "-Dmaven.repo.local.tail=" + tail);
        maven(local, "-N", "install:install-file", "-Dfile=pom.xml", "-DpomFile=pom.xml", "-Dpackaging=pom");
        maven(local, "-N", "install:install-file", "-Dfile=" + apiJar, "-DgroupId=dev.entraauth", "-DartifactId=entra-auth-api",
                "-Dversion=" + version, "-Dpackaging=jar");
        // The testkit too, with its pom (its dependencies): the example's own test runs the SecretStoreContract.
        Path testkitJar = ROOT.resolve("testkit/target/entra-auth-testkit-" + version + ".jar");
        assertTrue(Files.isRegularFile(testkitJar), "the testkit jar, built by ./mvnw package: " + testkitJar);
        maven(local, "-N", "install:install-file", "-Dfile=" + testkitJar, "-DpomFile=testkit/pom.xml");
        maven(local, "-f", "examples/pom.xml", "package", "-Dentra-auth-api.version=" + version);
        examplePlugin = ROOT.resolve("examples/target/entra-auth-example-plugins.jar");
        assertTrue(Files.isRegularFile(examplePlugin), "the example build made no jar");
    }

    private static void maven(List<String> local, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("mvnw").toString(), "-B", "-q"));
        command.addAll(local);
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "maven did not finish: " + command);
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
    }

    @BeforeEach
    void copyTheImageWithThePlugin() throws Exception {
        image = work.resolve("image");
        Process copy = new ProcessBuilder("cp", "-a", Image.DIR.toAbsolutePath().toString(), image.toString()).inheritIO().start();
        assertEquals(0, copy.waitFor());
        Path plugins = image.resolve("plugins");
        Files.createDirectories(plugins);
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(examplePlugin, plugins.resolve("entra-auth-example-plugins.jar"));
        home = Files.createDirectory(work.resolve("home"));
        secrets = Files.createDirectory(work.resolve("secrets"));
        storeScript = work.resolve("dir-store.sh");
        // A stand-in for pass: one base64 file per entry under $STORE_DIR (the protocol of pass-store.sh).
        Files.writeString(storeScript, """
                #!/bin/sh
                set -eu
                file="$STORE_DIR/$2"
                case "$1" in
                    get) [ -f "$file" ] || exit 3; base64 -d "$file" ;;
                    put) mkdir -p "$(dirname "$file")"; base64 -w0 > "$file" ;;
                    delete) [ -f "$file" ] || exit 3; rm "$file" ;;
                    list) [ -d "$file" ] || exit 0; for f in "$file"/*; do [ -e "$f" ] && echo "$2/$(basename "$f")"; done; exit 0 ;;
                esac
                """);
        Files.setPosixFilePermissions(storeScript, PosixFilePermissions.fromString("rwx------"));
    }

    private Image.Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(image.resolve("bin/entra-auth-cli").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put("ENTRA_AUTH_CLI_HOME", home.toString());
        builder.environment().put("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE);
        builder.environment().put("EXAMPLE_STORE_COMMAND", storeScript.toString());
        builder.environment().put("STORE_DIR", secrets.toString());
        builder.environment().put("EXAMPLE_TOKEN_COMMAND",
                "printf 'access_token=plugin-token-for-%s\\nexpires_in=600\\n' \"$ENTRA_AUTH_PROFILE\"");
        Process process = builder.start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the image did not finish");
        return new Image.Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void pluginsListsTheExampleFlowAndStoreWithTheirJarAsOrigin() throws Exception {
        Image.Result plugins = run("", "plugins");

        assertEquals(0, plugins.exitCode(), plugins.err());
        String jar = image.resolve("plugins/entra-auth-example-plugins.jar").toString();
        assertTrue(plugins.out().lines().anyMatch(l -> l.contains("TokenCommand  available  com.example.entraauth.plugins 1.0.0  " + jar)),
                plugins.out());
        assertTrue(plugins.out().lines().anyMatch(l -> l.contains("command-store  available  com.example.entraauth.plugins 1.0.0  " + jar)),
                plugins.out());
        assertTrue(plugins.out().contains("ClientCredentials  available  dev.entraauth.flows.clientcredentials"), plugins.out());
        assertEquals("", plugins.err());
    }

    @Test
    void getTokenRunsThePluginFlowAndThePluginStoreKeepsTheSecretOutsideTheHome() throws Exception {
        Image.Result create = run("plugin-kept-secret\n", "--store", "command-store", "config", "create", "--no-prompt", "--name", "sso",
                "--tenant-id", "contoso.onmicrosoft.com", "--client-id", "11111111-2222-3333-4444-555555555555",
                "--secret-stdin", "--scope", "api://sso/.default");
        assertEquals(0, create.exitCode(), create.err());
        assertEquals("plugin-kept-secret", new String(java.util.Base64.getDecoder().decode(
                Files.readString(secrets.resolve("sso/client-secret"))), StandardCharsets.UTF_8));

        Image.Result first = run("", "--store", "command-store", "get-token", "-p", "sso", "-f", "TokenCommand");
        Image.Result second = run("", "--store", "command-store", "get-token", "-p", "sso", "-f", "token-command");

        assertEquals(0, first.exitCode(), first.err());
        assertEquals("plugin-token-for-sso\n", first.out());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals("plugin-token-for-sso\n", second.out());
        assertTrue(second.err().contains("Using cached token"), second.err());
        assertFalse(Files.exists(home.resolve("tokens.enc")), "the encrypted-file store was used instead of the plugin's");
    }

    @Test
    void aBrokenJarIsReportedNamingItAndTheRestWorks() throws Exception {
        Path broken = Files.writeString(image.resolve("plugins/broken.jar"), "not a jar");

        Image.Result plugins = run("", "plugins");

        assertEquals(0, plugins.exitCode(), plugins.err());
        assertTrue(plugins.err().startsWith("Warning: plugin " + broken + " is not a usable module"), plugins.err());
        assertTrue(plugins.out().contains("TokenCommand  available"), plugins.out());
        assertTrue(plugins.out().contains("Problems:\n  plugin " + broken + " is not a usable module"), plugins.out());
    }

    @Test
    void aPluginsDirectoryOthersCanWriteToIsRefusedWithTheReason() throws Exception {
        Path plugins = image.resolve("plugins");
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxrwx"));

        Image.Result list = run("", "plugins");
        Image.Result create = run("", "config", "create", "--no-prompt", "--name", "me", "--tenant-id", "organizations",
                "--client-id", "11111111-2222-3333-4444-555555555555", "--auth-method", "PublicClient", "--scope", "User.Read");
        Image.Result token = run("", "get-token", "-p", "me", "-f", "TokenCommand");

        assertEquals(0, list.exitCode(), list.err());
        assertTrue(list.err().contains("Warning: plugins directory " + plugins + " is writable by others (mode rwxrwxrwx;"
                + " run chmod go-w on it): no plugin is loaded from it"), list.err());
        assertFalse(list.out().contains("TokenCommand"), list.out());
        assertEquals(0, create.exitCode(), create.err());
        assertEquals(2, token.exitCode(), token.err());
        assertTrue(token.err().contains("unknown flow 'TokenCommand'"), token.err());
    }
}
