package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive {@code ./mvnw package} wrote (dist/target/entra-auth-cli-VERSION-OS-ARCH.tar.gz or .zip): its sums file
 * is right, it unpacks to a working image, and a second build of the same commit gives the same bytes. The second
 * build runs the build's own steps with the build's own arguments (passed in by dist/pom.xml): jlink with
 * target/jlink.args, finish-image.sh on Linux (libjnidispatch, launcher, the trained class-data archive), and
 * Archive.java. On a mismatch the failure lists the entries that differ, with what differs in each.
 */
class ReproducibleArchiveIT {
    private static final Path DIST = Path.of("").toAbsolutePath();

    @TempDir
    Path work;

    private static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isBlank(), "system property " + name + " is not set (run through failsafe: dist/pom.xml)");
        return value;
    }

    /** The one archive in dist/target, as the build named it. */
    private static Path builtArchive() throws IOException {
        String prefix = property("entraauth.archive.name") + "-" + property("entraauth.version") + "-";
        try (var files = Files.list(Path.of(property("entraauth.target")))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.toString().endsWith(".tar.gz") || p.toString().endsWith(".zip")).toList();
            assertEquals(1, found.size(), "one archive in target/, made by ./mvnw package: " + found);
            return found.getFirst();
        }
    }

    @Test
    void theSumsFileBesideTheArchiveHoldsItsSha256InTheFormatOfSha256sum() throws Exception {
        Path archive = builtArchive();
        Path sums = archive.resolveSibling(archive.getFileName() + ".sha256");

        assertEquals(sha256(archive) + "  " + archive.getFileName() + "\n", Files.readString(sums, StandardCharsets.US_ASCII));
        if (OS.current() == OS.LINUX) {
            Result check = run(archive.getParent(), "sha256sum", "-c", sums.getFileName().toString());
            assertEquals(0, check.exitCode(), check.output());
            assertEquals(archive.getFileName() + ": OK\n", check.output());
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theArchiveUnpacksWithTarIntoOneTopDirectoryWhoseLauncherRuns() throws Exception {
        Path archive = builtArchive();
        String top = property("entraauth.archive.name") + "-" + property("entraauth.version");

        Result unpack = run(work, "tar", "-xzf", archive.toString());
        assertEquals(0, unpack.exitCode(), unpack.output());
        try (var entries = Files.list(work)) {
            assertEquals(List.of(work.resolve(top)), entries.toList(), "one top directory");
        }
        Result version = run(work, work.resolve(top).resolve("bin/entra-auth-cli").toString(), "--version");

        assertEquals(0, version.exitCode(), version.output());
        assertTrue(version.output().startsWith("entra-auth-cli " + property("entraauth.version")), version.output());
    }

    @Test
    void aSecondBuildOfTheSameCommitGivesAnIdenticalArchive() throws Exception {
        Path first = builtArchive();
        Path image = work.resolve("image");
        Path out = Files.createDirectory(work.resolve("out"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();

        Result link = run(DIST, Path.of(System.getProperty("java.home"), "bin", "jlink").toString(),
                "@" + property("entraauth.jlink.args"), "--output", image.toString());
        assertEquals(0, link.exitCode(), link.output());
        if (!Boolean.parseBoolean(property("entraauth.finish.skip"))) {
            Result finish = run(DIST, "bash", property("entraauth.finish.script"), image.toString(),
                    property("entraauth.finish.emulator"), java, property("entraauth.finish.jna"));
            assertEquals(0, finish.exitCode(), finish.output());
        }
        if (OS.current() != OS.WINDOWS) {
            // as if built under umask 077: the archive's modes must not depend on the builder's umask
            try (var files = Files.walk(image)) {
                for (Path file : files.filter(f -> !Files.isSymbolicLink(f)).toList()) {   // chmod would follow a link
                    Set<PosixFilePermission> mode = EnumSet.copyOf(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
                    mode.removeAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
                    Files.setPosixFilePermissions(file, mode);
                }
            }
        }
        Result pack = run(DIST, java, property("entraauth.archive.program"), image.toString(), out.toString(),
                property("entraauth.archive.name"), property("entraauth.version"), property("entraauth.timestamp"));
        assertEquals(0, pack.exitCode(), pack.output());
        System.err.printf("ReproducibleArchiveIT: the second image and archive took %d s%n",
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));

        Path second = out.resolve(first.getFileName());
        assertTrue(Files.isRegularFile(second), "the second build wrote no " + second.getFileName() + ": " + pack.output());
        if (!sha256(first).equals(sha256(second))) {
            fail("two builds of the same commit gave different archives (" + first + ", " + second + "); entries that differ:\n"
                    + String.join("\n", differences(entries(first), entries(second))));
        }
    }

    /** Each entry differing between two archives, one line each: missing on one side, or which of its fields differ. */
    static List<String> differences(Map<String, String> a, Map<String, String> b) {
        Set<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        List<String> lines = new ArrayList<>();
        for (String name : names) {
            String left = a.get(name);
            String right = b.get(name);
            if (left == null || right == null) {
                lines.add("  " + name + ": only in the " + (left == null ? "second" : "first"));
            } else if (!left.equals(right)) {
                lines.add("  " + name + ": " + left + "  vs  " + right);
            }
        }
        if (lines.isEmpty()) {
            lines.add("  (no entry differs: the order of the entries or the compression does)");
        }
        return lines;
    }

    /** The archive's entries in order of appearance: name → "#index type mode uid/gid mtime link sha256". */
    static Map<String, String> entries(Path archive) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        if (archive.toString().endsWith(".zip")) {
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
                int index = 0;
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; index++) {
                    entries.put(entry.getName(), "#" + index + " time " + entry.getTime() + " extra "
                            + HexFormat.of().formatHex(entry.getExtra() == null ? new byte[0] : entry.getExtra())
                            + " sha256 " + sha256(zip.readAllBytes()));
                }
            }
            return entries;
        }
        try (InputStream tar = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            for (int index = 0; ; index++) {
                byte[] header = tar.readNBytes(512);
                if (header.length < 512 || Arrays.equals(header, new byte[512])) {
                    return entries;
                }
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte[] content = tar.readNBytes((int) size);
                tar.readNBytes((int) ((512 - size % 512) % 512));
                entries.put(prefix.isEmpty() ? name : prefix + "/" + name, "#" + index + " type " + (char) header[156]
                        + " mode " + field(header, 100, 8) + " owner " + field(header, 108, 8) + "/" + field(header, 116, 8)
                        + " " + field(header, 265, 32) + "/" + field(header, 297, 32) + " mtime " + field(header, 136, 12)
                        + " link " + field(header, 157, 100) + " sha256 " + sha256(content));
            }
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Result(int exitCode, String output) { }

    private static Result run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        process.getInputStream().transferTo(output);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "did not finish: " + String.join(" ", command));
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }
}
