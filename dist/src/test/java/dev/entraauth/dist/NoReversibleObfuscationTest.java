package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SR3's static check: no production source of any module "obfuscates" secrets or XORs bytes with a constant
 * (the peer tool's Linux "encryption" was XOR with 0xAA). Comments and string literals are ignored; real
 * encryption goes through {@code javax.crypto} (AES-256-GCM) or the OS keyring.
 */
class NoReversibleObfuscationTest {
    /** A XOR (or XOR-assignment) with an integer or character literal on either side. */
    static final Pattern XOR_WITH_A_CONSTANT = Pattern.compile(
            "\\^=?\\s*(\\(\\s*(byte|char|int)\\s*\\)\\s*)?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|\\d[\\d_]*|'[^']+')[lL]?"
                    + "|(0[xX][0-9a-fA-F_]+|0[bB][01_]+|\\d[\\d_]*|'[^']+')[lL]?\\s*\\)?\\s*\\^");
    static final Pattern OBFUSCATION = Pattern.compile("(?i)obfuscat|scrambl|rot13");

    /** Every {@code src/main/java} source file of the project's modules (dist runs with its module as working directory). */
    static List<Path> productionSources() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> walk = Files.walk(module.resolve("src/main/java"))) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        return sources;
    }

    /** The code of a source file without comments and string literals. */
    static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
                .replaceAll("\"\"\"(?s).*?\"\"\"", "\"\"").replaceAll("\"[^\"\\\\\\n]*+(?:\\\\.[^\"\\\\\\n]*+)*+\"", "\"\"");
    }

    static List<String> findings(Path file, String source) {
        List<String> found = new ArrayList<>();
        String code = code(source);
        for (Pattern pattern : List.of(XOR_WITH_A_CONSTANT, OBFUSCATION)) {
            Matcher m = pattern.matcher(code);
            while (m.find()) {
                found.add(file + ": '" + m.group() + "'");
            }
        }
        return found;
    }

    @Test
    void noProductionCodeXorsWithAConstantOrObfuscates() throws IOException {
        List<Path> sources = productionSources();
        assertTrue(sources.stream().anyMatch(p -> p.endsWith("EncryptedFileVault.java")), "the storage-linux sources were not found");
        assertTrue(sources.stream().anyMatch(p -> p.endsWith("PlaintextVault.java")), "the storage-plaintext sources were not found");
        assertTrue(sources.size() > 100, "only " + sources.size() + " sources found");
        List<String> found = new ArrayList<>();
        for (Path source : sources) {
            found.addAll(findings(source, Files.readString(source)));
        }
        assertEquals(List.of(), found, "reversible obfuscation in production code (SR3)");
    }

    @Test
    void theCheckFindsAXorWithAConstantAndObfuscationButNotCommentsOrStrings() {
        Path file = Path.of("Fixture.java");
        assertEquals(1, findings(file, "byte b = (byte) (value[i] ^ 0xAA);").size());
        assertEquals(1, findings(file, "out[i] = (byte) (0x5A ^ in[i]);").size());
        assertEquals(1, findings(file, "data[i] ^= (byte) 170;").size());
        assertEquals(1, findings(file, "char c = (char) (s.charAt(i) ^ 'k');").size());
        assertEquals(1, findings(file, "class SecretObfuscator {}").size());
        assertEquals(0, findings(file, "int h = a ^ b; // x ^ 0xAA in a comment\nString s = \"^ 0xAA obfuscate\";").size());
    }
}
