package dev.entraauth.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Private files and directories: mode 0700/0600 from the moment they exist (never a chmod afterwards),
 * and writes that leave either the old or the new content, never a mix.
 */
public final class SecureFiles {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecureFiles() {
    }

    /**
     * Creates a directory (and missing parents) with mode 0700, or tightens an existing one to 0700.
     *
     * @param dir the directory
     * @return the directory
     * @throws IOException when it cannot be created or is not a directory
     */
    public static Path privateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            tighten(dir, DIR_MODE);
            return dir;
        }
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } else {
            Files.createDirectories(dir);
        }
        return dir;
    }

    /**
     * Tightens an existing private file to 0600 when group or others have any access.
     *
     * @param file an existing file
     * @throws IOException when its mode cannot be changed
     */
    public static void tightenFile(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            tighten(file, FILE_MODE);
        }
    }

    /**
     * Writes a file atomically and durably: a 0600 temporary file in the same directory, written and
     * forced to disk, renamed over the target atomically, then the directory forced (POSIX).
     *
     * @param target the file to write; its directory must exist
     * @param bytes  the new content
     * @throws IOException when writing fails; the old content is then untouched
     */
    public static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", fileAttributes());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                var buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Creates a new private (0600) file with the content, failing if it exists.
     *
     * @param target the file to create
     * @param bytes  the content
     * @throws IOException when it exists or cannot be written
     */
    public static void createPrivateFile(Path target, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(target, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileAttributes())) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** {@return the attributes for a new private file: 0600 on POSIX, none elsewhere} */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)} : new FileAttribute<?>[0];
    }

    private static void forceDirectory(Path dir) throws IOException {
        if (!POSIX) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void tighten(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (!POSIX) {
            return;
        }
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (current.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }
}
