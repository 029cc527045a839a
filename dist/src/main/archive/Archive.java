import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a finished image into the archive of its OS and architecture, reproducibly, and writes its SHA-256 sums file
 * beside it. Run by dist/pom.xml at package (after jlink and, on Linux, finish-image.sh) and again by
 * ReproducibleArchiveIT, with the JDK's source launcher: {@code java Archive.java IMAGE OUT_DIR NAME VERSION TIMESTAMP}.
 *
 * <p>Writes {@code OUT_DIR/NAME-VERSION-OS-ARCH.tar.gz} (Linux, macOS) or {@code .zip} (Windows), OS one of linux,
 * macos, windows and ARCH x64 or aarch64, every entry under the top directory {@code NAME-VERSION/}; and
 * {@code OUT_DIR/NAME-VERSION-OS-ARCH.tar.gz.sha256}, one line {@code HEX  FILE} as {@code sha256sum -c} reads it.
 * A JDK program rather than tar, gzip or Compress-Archive so that every OS packs the same way with no other tool
 * (BSD tar on macOS has no --sort, Windows no tar options at all). What makes two runs byte-identical: entries sorted
 * by path; every time the build's {@code project.build.outputTimestamp} (TIMESTAMP, ISO-8601 or epoch seconds); owner
 * and group 0 with no names; modes the file's own with group and others' write taken away (0755 or 0644/0444, links
 * 0777); tar in the plain ustar format (no pax headers, so no atime or ctime); gzip with no name and time in its
 * header; zip entries with their DOS time only (no extended-time field, which would depend on the time zone).
 */
public final class Archive {
    private static final int BLOCK = 512;
    private static final int RECORD = 20 * BLOCK;

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java Archive.java IMAGE OUT_DIR NAME VERSION TIMESTAMP");
            System.exit(2);
        }
        Path image = Path.of(args[0]).toAbsolutePath().normalize();
        Path outDir = Path.of(args[1]);
        String top = args[2] + "-" + args[3];
        long time = epochSeconds(args[4]);
        boolean windows = os().equals("windows");
        Path archive = outDir.resolve(top + "-" + os() + "-" + arch() + (windows ? ".zip" : ".tar.gz"));
        Files.createDirectories(outDir);

        List<Path> entries;
        try (Stream<Path> walk = Files.walk(image)) {
            entries = walk.filter(p -> !p.equals(image)).sorted((a, b) -> name(image, a).compareTo(name(image, b))).toList();
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)) {
            if (windows) {
                zip(image, entries, top, time, out);
            } else {
                tarGz(image, entries, top, time, out);
            }
        }
        String sum = HexFormat.of().formatHex(sha256(archive)) + "  " + archive.getFileName() + "\n";
        Files.writeString(outDir.resolve(archive.getFileName() + ".sha256"), sum, StandardCharsets.US_ASCII);
        System.out.println("archived " + archive + " (" + Files.size(archive) / 1024 + " KB)");
    }

    /** linux, macos or windows. */
    static String os() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac")) {
            return "macos";
        }
        if (name.startsWith("linux")) {
            return "linux";
        }
        throw new IllegalStateException("no archive name for the OS " + name);
    }

    /** x64 or aarch64, as the JDK vendors name their downloads. */
    static String arch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x64";
            case "aarch64", "arm64" -> "aarch64";
            default -> throw new IllegalStateException("no archive name for the architecture " + System.getProperty("os.arch"));
        };
    }

    private static long epochSeconds(String timestamp) {
        return timestamp.chars().allMatch(Character::isDigit) ? Long.parseLong(timestamp) : Instant.parse(timestamp).getEpochSecond();
    }

    /** The entry's path inside the image, with / between names. */
    private static String name(Path image, Path entry) {
        return image.relativize(entry).toString().replace('\\', '/');
    }

    private static void tarGz(Path image, List<Path> entries, String top, long time, OutputStream out) throws IOException {
        // GZIPOutputStream writes no file name and a zero time; level 6: level 9 took 3x the time (39 s against 12 s here) for 0.4 % less
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.DEFAULT_COMPRESSION);
            }
        }) {
            long written = 0;
            written += tarEntry(gzip, top + "/", '5', 0755, 0, time, "", null);
            for (Path entry : entries) {
                String name = top + "/" + name(image, entry);
                int mode = mode(entry);
                if (Files.isSymbolicLink(entry)) {
                    String target = Files.readSymbolicLink(entry).toString().replace('\\', '/');
                    written += tarEntry(gzip, name, '2', 0777, 0, time, target, null);
                } else if (Files.isDirectory(entry)) {
                    written += tarEntry(gzip, name + "/", '5', mode, 0, time, "", null);
                } else {
                    written += tarEntry(gzip, name, '0', mode, Files.size(entry), time, "", entry);
                }
            }
            byte[] end = new byte[(int) (RECORD - written % RECORD)];   // two zero blocks at least, then a full record
            if (end.length < 2 * BLOCK) {
                end = new byte[end.length + RECORD];
            }
            gzip.write(end);
        }
    }

    /** Writes one ustar header (and the file's content, padded to a block); returns the bytes written. */
    private static long tarEntry(OutputStream out, String path, char type, int mode, long size, long time, String link, Path content)
            throws IOException {
        byte[] header = new byte[BLOCK];
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        if (name.length > 100) {   // ustar: the path split at a / into a prefix of up to 155 bytes and a name of up to 100
            int split = -1;
            for (int slash = path.indexOf('/'); slash > 0 && slash < path.length() - 1; slash = path.indexOf('/', slash + 1)) {
                if (utf8(path.substring(0, slash)) <= 155 && utf8(path.substring(slash + 1)) <= 100) {
                    split = slash;
                    break;
                }
            }
            if (split < 0) {
                throw new IOException("path too long for a ustar archive: " + path);
            }
            prefix = path.substring(0, split);
            name = path.substring(split + 1).getBytes(StandardCharsets.UTF_8);
        }
        if (link.getBytes(StandardCharsets.UTF_8).length > 100) {
            throw new IOException("link target too long for a ustar archive: " + path + " -> " + link);
        }
        put(header, 0, name);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);   // uid
        octal(header, 116, 8, 0);   // gid
        octal(header, 124, 12, size);
        octal(header, 136, 12, time);
        header[156] = (byte) type;
        put(header, 157, link.getBytes(StandardCharsets.UTF_8));
        put(header, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, "00".getBytes(StandardCharsets.US_ASCII));
        // 265 uname, 297 gname: empty (numeric owner 0:0); 329 devmajor, 337 devminor: unused
        put(header, 345, prefix.getBytes(StandardCharsets.UTF_8));
        Arrays.fill(header, 148, 156, (byte) ' ');
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        byte[] sum = String.format("%06o", checksum).getBytes(StandardCharsets.US_ASCII);
        put(header, 148, sum);
        header[154] = 0;
        header[155] = ' ';
        out.write(header);
        long written = BLOCK;
        if (content != null) {
            long copied = Files.copy(content, out);
            if (copied != size) {
                throw new IOException(content + " changed while it was archived");
            }
            int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
            out.write(new byte[pad]);
            written += size + pad;
        }
        return written;
    }

    private static int utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void put(byte[] header, int offset, byte[] value) {
        System.arraycopy(value, 0, header, offset, value.length);
    }

    /** A zero-padded octal number ending in NUL, filling the field. */
    private static void octal(byte[] header, int offset, int length, long value) throws IOException {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IOException("value too large for a ustar field: " + value);
        }
        put(header, offset, ("0".repeat(length - 1 - digits.length()) + digits).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The entry's mode, set outright so the build machine's umask changes nothing: 0755 for a directory or a file its
     * owner may execute, 0644 for any other file (Windows, with no POSIX view: executables by their .exe name).
     */
    private static int mode(Path entry) throws IOException {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return 0755;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(entry, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        boolean executable = view == null ? entry.getFileName().toString().endsWith(".exe")
                : view.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        return executable ? 0755 : 0644;
    }

    private static void zip(Path image, List<Path> entries, String top, long time, OutputStream out) throws IOException {
        LocalDateTime local = LocalDateTime.ofEpochSecond(time, 0, ZoneOffset.UTC);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            ZipEntry root = new ZipEntry(top + "/");
            root.setTimeLocal(local);
            zip.putNextEntry(root);
            zip.closeEntry();
            for (Path entry : entries) {
                boolean directory = Files.isDirectory(entry);
                ZipEntry zipEntry = new ZipEntry(top + "/" + name(image, entry) + (directory ? "/" : ""));
                zipEntry.setTimeLocal(local);   // DOS time only: no extended-time field
                zip.putNextEntry(zipEntry);
                if (!directory) {
                    Files.copy(entry, zip);
                }
                zip.closeEntry();
            }
        }
    }

    private static byte[] sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
