package dev.entraauth.flows.managedidentity.internal;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the challenge of Azure Arc's identity endpoint before msal4j reads the file it names
 * (SECURITY-CHECKLIST NF4, CVE-2024-35255): the agent answers the first request with 401 and
 * {@code WWW-Authenticate: Basic realm=<path>}, and the client proves it may use the identity by sending that
 * file's content. Whoever can answer on the endpoint's port chooses the path, so the file must be a regular file
 * directly in the agent's token directory ({@code /var/opt/azcmagent/tokens} on Linux,
 * {@code %ProgramData%\AzureConnectedMachineAgent\Tokens} on Windows) once symbolic links are resolved, its
 * name must end in {@code .key}, and it must hold at most 4096 bytes. msal4j 1.26 checks the prefix of the path as
 * written, the extension and the size, but follows symbolic links and accepts subdirectories and non-regular
 * files; it also refuses macOS outright. So the transport answers the challenge itself with {@link #key}: msal
 * then sees only the final answer.
 *
 * <p>What is guaranteed: the name is decided before the disk is touched; a symbolic link, a directory, a FIFO or
 * any other non-regular file is refused before it is opened (so opening never blocks on a FIFO the endpoint named);
 * the file is opened without following a link, at most 4096 bytes are read, and the content is sent only if the
 * opened file has the size checked and the path still names the same regular file (same file key, same size) after
 * the read. Java cannot check the opened descriptor itself, so this narrows but does not close the window between
 * check and open: someone able to write the agent's token directory could swap in a FIFO (open would block until
 * {@code --timeout}) or put a hard link to another file of the agent's there. That attacker is out of scope, as for
 * any Azure Arc client: whoever writes that directory (root or the agent's group) already holds the keys it protects.
 */
final class ArcChallenge {
    static final long MAX_BYTES = 4096;
    private final Path directory;
    private final java.util.function.Consumer<Path> beforeOpen;

    /** @param directory the directory the key files must be in */
    ArcChallenge(Path directory) {
        this(directory, file -> { });
    }

    /**
     * @param directory  the directory the key files must be in
     * @param beforeOpen called between the check and the open (tests change the file there)
     */
    ArcChallenge(Path directory, java.util.function.Consumer<Path> beforeOpen) {
        this.directory = directory;
        this.beforeOpen = beforeOpen;
    }

    /** A file that passed the checks, with the attributes it had then. */
    private record Checked(Path file, BasicFileAttributes attributes) {
    }

    /**
     * The agent's token directory on this operating system.
     *
     * @param environment the environment, for {@code ProgramData} on Windows
     * @return the directory, empty where Azure Arc has no agent (macOS and others)
     */
    static Optional<Path> defaultDirectory(Map<String, String> environment) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return Optional.of(Path.of("/var/opt/azcmagent/tokens"));
        }
        if (os.contains("windows")) {
            String programData = environment.getOrDefault("ProgramData", environment.getOrDefault("PROGRAMDATA", "C:\\ProgramData"));
            return Optional.of(Path.of(programData, "AzureConnectedMachineAgent", "Tokens"));
        }
        return Optional.empty();
    }

    /**
     * @param headers the 401 answer's headers
     * @return the checked file and its attributes
     * @throws AuthException naming the path and the rule it breaks
     */
    private Checked check(Map<String, List<String>> headers) throws AuthException {
        String challenge = headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("WWW-Authenticate"))
                .flatMap(e -> e.getValue().stream()).findFirst()
                .orElseThrow(() -> refuse("the Azure Arc identity endpoint answered 401 without a WWW-Authenticate challenge"));
        int equals = challenge.indexOf('=');
        if (!challenge.regionMatches(true, 0, "Basic realm=", 0, "Basic realm=".length()) || equals < 0) {
            throw refuse("the Azure Arc challenge is not 'Basic realm=<key file>'");
        }
        String named = challenge.substring(equals + 1).strip();
        if (named.length() >= 2 && named.startsWith("\"") && named.endsWith("\"")) {
            named = named.substring(1, named.length() - 1);
        }
        Path file;
        try {
            file = Path.of(named);
        } catch (InvalidPathException e) {
            throw refuse("the Azure Arc challenge names '" + printable(named) + "', which is not a path");
        }
        String shown = printable(named);
        if (!file.isAbsolute()) {
            throw refuse("the Azure Arc challenge file '" + shown + "' is not an absolute path in " + directory);
        }
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".key")) {
            throw refuse("the Azure Arc challenge file '" + shown + "' does not end in .key");
        }
        // Decided on the name alone before anything touches the disk: a path the endpoint chose is never resolved
        // (a UNC path would make Windows connect to another host; an automounted one could hang).
        if (!file.equals(file.normalize()) || !directory.equals(file.getParent())) {
            throw refuse("the Azure Arc challenge file '" + shown + "' is outside the agent's token directory " + directory);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                Path target = Files.readSymbolicLink(file);
                throw refuse("the Azure Arc challenge file '" + shown + "' is a symbolic link (to " + printable(target.toString())
                        + "), not a key file in the agent's token directory " + directory);
            }
            if (!attributes.isRegularFile()) {
                throw refuse("the Azure Arc challenge file '" + shown + "' is not a regular file");
            }
            if (attributes.size() > MAX_BYTES) {
                throw refuse("the Azure Arc challenge file '" + shown + "' holds " + attributes.size()
                        + " bytes, more than the " + MAX_BYTES + " a key file may have");
            }
            return new Checked(file, attributes);
        } catch (NoSuchFileException e) {
            throw refuse("the Azure Arc challenge file '" + shown + "' does not exist");
        } catch (IOException e) {
            throw refuse("the Azure Arc challenge file '" + shown + "' cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Checks the challenge and reads the key file it names: opened without following a symbolic link, at most
     * {@link #MAX_BYTES} read, and used only if the opened file has the size checked and the path still names the
     * same regular file afterwards (see the class comment for what this does not cover).
     *
     * @param headers the 401 answer's headers
     * @return the key, the file's content as text
     * @throws AuthException naming the path and the rule it breaks, or why it cannot be read
     */
    String key(Map<String, List<String>> headers) throws AuthException {
        Checked checked = check(headers);
        Path file = checked.file();
        long size = checked.attributes().size();
        String shown = printable(file.toString());
        beforeOpen.accept(file);
        try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(file,
                java.util.Set.of(java.nio.file.StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            if (channel.size() != size) {
                throw changed(shown, "its size went from " + size + " to " + channel.size() + " bytes");
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) MAX_BYTES);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // at most MAX_BYTES, whatever the file holds now
            }
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (buffer.position() != size || channel.size() != size || !after.isRegularFile() || after.size() != size) {
                throw changed(shown, "its size is no longer the " + size + " bytes checked");
            }
            if (!java.util.Objects.equals(checked.attributes().fileKey(), after.fileKey())) {
                throw changed(shown, "the name now leads to another file");
            }
            return new String(buffer.array(), 0, buffer.position(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw refuse("the Azure Arc challenge file '" + shown + "' cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static AuthException changed(String shown, String how) {
        return new AuthException(ExitCode.AUTHENTICATION, "the Azure Arc challenge file '" + shown + "' changed between"
                + " the check and the read (" + how + "); refused, nothing from it was sent; try again");
    }

    private static AuthException refuse(String why) {
        return new AuthException(ExitCode.AUTHENTICATION, why + "; refused, nothing was read or sent (a genuine Azure Connected"
                + " Machine agent names a .key file of at most 4096 bytes in its token directory)");
    }

    private static String printable(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
