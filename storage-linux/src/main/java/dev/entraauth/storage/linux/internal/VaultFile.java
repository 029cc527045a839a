package dev.entraauth.storage.linux.internal;

import dev.entraauth.core.crypto.PassphraseCipher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The layout of {@code tokens.enc}:
 * <pre>
 *   "EACVAULT" | version u8 = 1 | kdf u8 = 1 (argon2id) | memoryKiB i32 | iterations i32 | parallelism i32
 *   | salt (16) | nonce (12) | AES-256-GCM ciphertext+tag
 * </pre>
 * Everything before the nonce is authenticated as associated data. The plaintext is
 * {@code count i32, then count × (key UTF, length i32, bytes)}.
 */
final class VaultFile {
    private static final byte[] MAGIC = "EACVAULT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int KDF_ARGON2ID = 1;
    private static final int HEADER_BYTES = MAGIC.length + 2 + 12 + PassphraseCipher.SALT_BYTES;
    private static final int MAX_ENTRIES = 100_000;

    private VaultFile() {
    }

    /** A parsed file whose content is still encrypted. */
    record Sealed(PassphraseCipher kdf, byte[] header, byte[] nonce, byte[] ciphertext) {
    }

    static byte[] header(PassphraseCipher kdf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(KDF_ARGON2ID);
            out.writeInt(kdf.memoryKiB());
            out.writeInt(kdf.iterations());
            out.writeInt(kdf.parallelism());
            out.write(kdf.salt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] join(byte[] header, byte[] nonce, byte[] ciphertext) {
        byte[] all = Arrays.copyOf(header, header.length + nonce.length + ciphertext.length);
        System.arraycopy(nonce, 0, all, header.length, nonce.length);
        System.arraycopy(ciphertext, 0, all, header.length + nonce.length, ciphertext.length);
        return all;
    }

    /**
     * @throws IllegalArgumentException when the bytes are not a vault file this version reads
     */
    static Sealed parse(byte[] file) {
        if (file.length < HEADER_BYTES + PassphraseCipher.NONCE_BYTES + 16
                || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not an entra-auth-cli secret store file");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file, MAGIC.length, file.length))) {
            int version = in.readUnsignedByte();
            int kdf = in.readUnsignedByte();
            if (version != VERSION || kdf != KDF_ARGON2ID) {
                throw new IllegalArgumentException("written by a newer entra-auth-cli (format " + version + "/" + kdf + ")");
            }
            int memory = in.readInt();
            int iterations = in.readInt();
            int parallelism = in.readInt();
            byte[] salt = in.readNBytes(PassphraseCipher.SALT_BYTES);
            PassphraseCipher cipher = new PassphraseCipher(memory, iterations, parallelism, salt);
            return new Sealed(cipher, Arrays.copyOf(file, HEADER_BYTES),
                    Arrays.copyOfRange(file, HEADER_BYTES, HEADER_BYTES + PassphraseCipher.NONCE_BYTES),
                    Arrays.copyOfRange(file, HEADER_BYTES + PassphraseCipher.NONCE_BYTES, file.length));
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated secret store file", e);
        }
    }

    static byte[] encode(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(entries.size());
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when the plaintext is malformed
     */
    static Map<String, byte[]> decode(byte[] plaintext) {
        Map<String, byte[]> entries = new TreeMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext))) {
            int count = in.readInt();
            if (count < 0 || count > MAX_ENTRIES) {
                throw new IllegalArgumentException("implausible entry count " + count);
            }
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > in.available()) {
                    throw new IllegalArgumentException("implausible entry length");
                }
                entries.put(key, in.readNBytes(length));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed content", e);
        }
        return entries;
    }
}
