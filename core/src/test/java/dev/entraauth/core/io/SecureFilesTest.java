package dev.entraauth.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {
    private static final Set<PosixFilePermission> RW_OWNER = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> RWX_OWNER = PosixFilePermissions.fromString("rwx------");

    @TempDir
    Path dir;

    private List<String> namesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeAtomicallyCreatesAFileReadableAndWritableByTheOwnerOnly() throws IOException {
        // Arrange
        Path target = dir.resolve("secret.json");

        // Act
        SecureFiles.writeAtomically(target, "hello".getBytes(StandardCharsets.UTF_8));

        // Assert
        assertEquals("hello", Files.readString(target));
        assertEquals(RW_OWNER, Files.getPosixFilePermissions(target));
    }

    @Test
    void writeAtomicallyReplacesTheContentAndTheModeOfAnExistingFile() throws IOException {
        // Arrange
        Path target = dir.resolve("secret.json");
        Files.writeString(target, "old content that is longer than the new one");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));

        // Act
        SecureFiles.writeAtomically(target, "new".getBytes(StandardCharsets.UTF_8));

        // Assert
        assertEquals("new", Files.readString(target));
        assertEquals(RW_OWNER, Files.getPosixFilePermissions(target));
    }

    @Test
    void writeAtomicallyLeavesNoTemporaryFileInTheDirectory() throws IOException {
        // Arrange
        Path target = dir.resolve("profiles.json");

        // Act
        for (int i = 0; i < 5; i++) {
            SecureFiles.writeAtomically(target, ("version " + i).getBytes(StandardCharsets.UTF_8));
        }

        // Assert
        assertEquals(List.of("profiles.json"), namesIn(dir));
        assertEquals("version 4", Files.readString(target));
    }

    @Test
    void writeAtomicallyWritesEmptyAndLargeContentExactly() throws IOException {
        // Arrange
        Path empty = dir.resolve("empty");
        Path large = dir.resolve("large");
        byte[] bytes = new byte[3 * 1024 * 1024 + 7];
        new java.util.Random(42).nextBytes(bytes);

        // Act
        SecureFiles.writeAtomically(empty, new byte[0]);
        SecureFiles.writeAtomically(large, bytes);

        // Assert
        assertEquals(0, Files.size(empty));
        assertArrayEquals(bytes, Files.readAllBytes(large));
    }

    @Test
    void writeAtomicallyIntoAMissingDirectoryFailsAndCreatesNothing() {
        // Arrange
        Path target = dir.resolve("missing").resolve("file");

        // Act + Assert
        assertThrows(IOException.class, () -> SecureFiles.writeAtomically(target, new byte[] {1}));
        assertFalse(Files.exists(target.getParent()));
    }

    @Test
    void createPrivateFileCreatesAFileWithMode0600AndTheContent() throws IOException {
        // Arrange
        Path target = dir.resolve("new.bin");

        // Act
        SecureFiles.createPrivateFile(target, new byte[] {1, 2, 3});

        // Assert
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(RW_OWNER, Files.getPosixFilePermissions(target));
    }

    @Test
    void createPrivateFileRefusesAnExistingFileAndLeavesItUnchanged() throws IOException {
        // Arrange
        Path target = dir.resolve("existing.bin");
        Files.writeString(target, "keep me");

        // Act
        assertThrows(FileAlreadyExistsException.class, () -> SecureFiles.createPrivateFile(target, new byte[] {9}));

        // Assert
        assertEquals("keep me", Files.readString(target));
    }

    @Test
    void tightenFileTurnsA0644FileInto0600() throws IOException {
        // Arrange
        Path file = dir.resolve("tokens.enc");
        Files.writeString(file, "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        // Act
        SecureFiles.tightenFile(file);

        // Assert
        assertEquals(RW_OWNER, Files.getPosixFilePermissions(file));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void tightenFileLeavesAnOwnerOnlyModeAlone() throws IOException {
        // Arrange: read-only for the owner has no group or other bit, so there is nothing to tighten
        Path file = dir.resolve("readonly");
        Files.writeString(file, "x");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));

        // Act
        SecureFiles.tightenFile(file);

        // Assert
        assertEquals(PosixFilePermissions.fromString("r--------"), Files.getPosixFilePermissions(file));
    }

    @Test
    void tightenFileOfAMissingFileDoesNothing() throws IOException {
        // Arrange
        Path file = dir.resolve("absent");

        // Act
        SecureFiles.tightenFile(file);

        // Assert
        assertFalse(Files.exists(file));
    }

    @Test
    void privateDirectoryCreatesMissingParentsWithMode0700() throws IOException {
        // Arrange
        Path a = dir.resolve("a");
        Path b = a.resolve("b");
        Path c = b.resolve("c");

        // Act
        Path result = SecureFiles.privateDirectory(c);

        // Assert
        assertEquals(c, result);
        for (Path each : List.of(a, b, c)) {
            assertEquals(RWX_OWNER, Files.getPosixFilePermissions(each), each.toString());
        }
    }

    @Test
    void privateDirectoryTightensAnExisting0755DirectoryTo0700AndKeepsItsContent() throws IOException {
        // Arrange
        Path home = Files.createDirectory(dir.resolve("home"));
        Files.writeString(home.resolve("kept"), "x");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

        // Act
        SecureFiles.privateDirectory(home);

        // Assert
        assertEquals(RWX_OWNER, Files.getPosixFilePermissions(home));
        assertEquals(List.of("kept"), namesIn(home));
    }

    @Test
    void privateDirectoryRefusesAPathThatIsARegularFile() throws IOException {
        // Arrange
        Path file = dir.resolve("file");
        Files.writeString(file, "x");

        // Act + Assert
        assertThrows(IOException.class, () -> SecureFiles.privateDirectory(file));
        assertEquals("x", Files.readString(file));
    }

    @Test
    void fileAttributesAskForMode0600() {
        // Act
        var attributes = SecureFiles.fileAttributes();

        // Assert
        assertEquals(1, attributes.length);
        assertEquals(RW_OWNER, attributes[0].value());
    }
}
