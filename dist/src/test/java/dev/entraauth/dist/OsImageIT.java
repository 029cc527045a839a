package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each OS image carries only its own secret store (issue 6): the Linux image storage-linux, the Windows image
 * storage-windows with jna and jna-platform, the macOS image storage-macos with jna. Read from the image's
 * {@code release} file (its {@code MODULES} line, written by jlink), so it holds on every OS the build runs on.
 */
class OsImageIT {
    private static final List<String> STORES = List.of("dev.entraauth.storage.linux", "dev.entraauth.storage.windows",
            "dev.entraauth.storage.macos");

    @TempDir
    Path home;

    static Set<String> imageModules() throws IOException {
        Path release = Image.DIR.resolve("release");
        assertTrue(Files.isRegularFile(release), "no image at " + Image.DIR + ": run ./mvnw verify");
        String line = Files.readAllLines(release).stream().filter(l -> l.startsWith("MODULES=")).findFirst().orElseThrow();
        return new TreeSet<>(Arrays.asList(line.substring("MODULES=".length()).replace("\"", "").strip().split("\\s+")));
    }

    /** {@return the store module of the OS this test runs on} */
    static String ownStore() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return os.startsWith("windows") ? "dev.entraauth.storage.windows"
                : os.startsWith("mac") ? "dev.entraauth.storage.macos" : "dev.entraauth.storage.linux";
    }

    @Test
    void theImageCarriesThisOsStoreAndNoOtherOsStore() throws IOException {
        Set<String> modules = imageModules();
        String own = ownStore();

        assertTrue(modules.contains(own), own + " missing from " + modules);
        for (String store : STORES) {
            assertEquals(store.equals(own), modules.contains(store), store + " in " + modules);
        }
        assertEquals(own.equals("dev.entraauth.storage.windows"), modules.contains("com.sun.jna.platform"),
                "jna-platform belongs to the Windows image only: " + modules);
        if (!own.equals("dev.entraauth.storage.linux")) {
            assertTrue(modules.contains("com.sun.jna"), "JNA missing from " + modules);
        }
    }

    /** JNA loads its native library with System.load: the image's options must enable native access, or the JVM warns on stderr. */
    @Test
    @DisabledOnOs(OS.LINUX) // the Linux image's JNA and launcher belong to the Secret Service store
    void jnaLoadsItsNativeLibraryInTheImageWithoutAWarning() throws Exception {
        Path javaLauncher = Image.DIR.resolve("bin").resolve(System.getProperty("os.name").startsWith("Windows") ? "java.exe" : "java");
        Process jna = new ProcessBuilder(javaLauncher.toString(), "-m", "com.sun.jna/com.sun.jna.Native").redirectErrorStream(true).start();
        String output = new String(jna.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertEquals(0, jna.waitFor(), output);
        assertTrue(output.contains("Native: "), "JNA's native library did not load: " + output);
        assertFalse(output.contains("WARNING"), output);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // Image runs bin/entra-auth-cli; Windows has bin/entra-auth-cli.bat
    void pluginsInTheImageListsNoStoreOfAnotherOs() {
        Image.Result plugins = new Image(home).run("plugins");

        assertEquals(0, plugins.exitCode(), plugins.err());
        for (String store : STORES) {
            assertEquals(store.equals(ownStore()), plugins.out().contains(store), store + " in:\n" + plugins.out());
        }
        assertFalse(plugins.err().contains("WARNING"), "the JVM warned on stderr: " + plugins.err());
    }

    /**
     * The launcher finds its image when it is reached through a symbolic link (as installed into
     * {@code /usr/local/bin}), from another working directory, and then still runs with the image's class-data
     * archive (class loading logged through {@code JDK_JAVA_OPTIONS}).
     */
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theLauncherWorksThroughASymbolicLinkAndUsesTheImageArchive() throws Exception {
        Path link = Files.createSymbolicLink(home.resolve("entra-auth-cli"), Image.LAUNCHER.toAbsolutePath());
        ProcessBuilder builder = new ProcessBuilder(link.toString(), "--version").directory(home.toFile())
                .redirectErrorStream(true);
        builder.environment().put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info");
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, process.waitFor(), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("entra-auth-cli ")), out);
        assertTrue(out.contains("dev.entraauth.cli.Main source: shared objects file"),
                "Main comes from the image's archive: " + out.lines().filter(l -> l.contains("dev.entraauth.cli.Main ")).toList());
    }
}
