package dev.entraauth.storage.plaintext.internal;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.core.io.SecretMapFile;
import dev.entraauth.core.io.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The opened plaintext file: a comment line, then one line per secret, {@code profile/kind<TAB>base64 of the bytes}
 * (base64 only carries arbitrary bytes in a text file; it protects nothing). Locking and atomic replacement:
 * {@link SecretMapFile}.
 */
final class PlaintextVault extends SecretMapFile {
    private static final String HEADER = "# entra-auth-cli secrets in PLAINTEXT (" + PlaintextStore.OPT_IN_VARIABLE
            + " was set). Values are base64, which is not encryption.\n";

    private final Interaction interaction;

    PlaintextVault(Path file, Interaction interaction) {
        super(file);
        this.interaction = interaction;
    }

    @Override
    public void write(SecretKey key, byte[] value) throws StoreException {
        super.write(key, value);
        interaction.warn(key.qualifiedName() + " was written UNENCRYPTED to " + file + " (plaintext store, "
                + PlaintextStore.OPT_IN_VARIABLE + " is set); anyone who can read that file can use it");
    }

    @Override
    protected byte[] encode(Map<String, byte[]> entries) {
        StringBuilder text = new StringBuilder(HEADER);
        entries.forEach((name, value) -> text.append(name).append('\t').append(Base64.getEncoder().encodeToString(value)).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected Map<String, byte[]> load() throws StoreException {
        String text;
        try {
            SecureFiles.tightenFile(file);
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new TreeMap<>();
        } catch (IOException e) {
            throw new StoreException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, byte[]> entries = new TreeMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            try {
                SecretKey.parse(line.substring(0, Math.max(tab, 0)));
                entries.put(line.substring(0, tab), Base64.getDecoder().decode(line.substring(tab + 1)));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
                throw new StoreException(file + " is damaged at line " + number + ". It was left unchanged", e);
            }
        }
        return entries;
    }
}
