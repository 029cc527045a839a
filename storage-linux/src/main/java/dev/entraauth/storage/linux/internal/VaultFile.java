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
 * The layout of {@code tokens.enc}: a header naming where the key comes from, then the encrypted entries.
 * <pre>
 *   "EACVAULT" | version u8 = 1 | key source u8
 *     source 1, passphrase: memoryKiB i32 | iterations i32 | parallelism i32 | salt (16)   (Argon2id)
 *     source 2, Secret Service: key id (16), the item's {@code key-id} attribute in hex
 *   | nonce (12) | AES-256-GCM ciphertext+tag
 * </pre>
 * Everything before the nonce is authenticated as associated data. The plaintext is
 * {@code count i32, then count × (key UTF, length i32, bytes)}. Files written before the Secret Service key
 * existed are passphrase files: their layout is unchanged.
 */
final class VaultFile {
    private static final byte[] MAGIC = "EACVAULT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int SOURCE_PASSPHRASE = 1;
    private static final int SOURCE_SECRET_SERVICE = 2;
    private static final int KEY_ID_BYTES = 16;
    private static final int PASSPHRASE_HEADER_BYTES = MAGIC.length + 2 + 12 + PassphraseCipher.SALT_BYTES;
    private static final int SECRET_SERVICE_HEADER_BYTES = MAGIC.length + 2 + KEY_ID_BYTES;
    private static final int MAX_ENTRIES = 100_000;

    private VaultFile() {
    }

    /** Where a file's key comes from. */
    sealed interface KeySource {
    }

    /** The key is derived with Argon2id from a passphrase, with these parameters. */
    record Passphrase(PassphraseCipher kdf) implements KeySource {
    }

    /**
     * The key is a random 256-bit key kept as a Secret Service item.
     *
     * @param keyId the item's {@code key-id} attribute: 32 hex digits
     */
    record SecretServiceKey(String keyId) implements KeySource {
        /** {@return a new random key id} */
        static SecretServiceKey fresh() {
            byte[] id = new byte[KEY_ID_BYTES];
            new java.security.SecureRandom().nextBytes(id);
            return new SecretServiceKey(java.util.HexFormat.of().formatHex(id));
        }
    }

    /** A parsed file whose content is still encrypted. */
    record Sealed(KeySource source, byte[] header, byte[] nonce, byte[] ciphertext) {
    }

    static byte[] header(KeySource source) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            switch (source) {
                case Passphrase(PassphraseCipher kdf) -> {
                    out.writeByte(SOURCE_PASSPHRASE);
                    out.writeInt(kdf.memoryKiB());
                    out.writeInt(kdf.iterations());
                    out.writeInt(kdf.parallelism());
                    out.write(kdf.salt());
                }
                case SecretServiceKey(String keyId) -> {
                    out.writeByte(SOURCE_SECRET_SERVICE);
                    out.write(java.util.HexFormat.of().parseHex(keyId));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads only the header of a file.
     *
     * @return where the file's key comes from
     * @throws IllegalArgumentException when the bytes are not a vault file this version reads
     */
    static KeySource keySource(byte[] file) {
        return parse(file).source();
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
        if (file.length < MAGIC.length + 2 || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IllegalArgumentException("not an entra-auth-cli secret store file");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file, MAGIC.length, file.length))) {
            int version = in.readUnsignedByte();
            int source = in.readUnsignedByte();
            if (version != VERSION || (source != SOURCE_PASSPHRASE && source != SOURCE_SECRET_SERVICE)) {
                throw new IllegalArgumentException("written by a newer entra-auth-cli (format " + version + "/" + source + ")");
            }
            int headerBytes = source == SOURCE_PASSPHRASE ? PASSPHRASE_HEADER_BYTES : SECRET_SERVICE_HEADER_BYTES;
            if (file.length < headerBytes + PassphraseCipher.NONCE_BYTES + 16) {
                throw new IllegalArgumentException("truncated secret store file");
            }
            KeySource keySource;
            if (source == SOURCE_PASSPHRASE) {
                int memory = in.readInt();
                int iterations = in.readInt();
                int parallelism = in.readInt();
                byte[] salt = in.readNBytes(PassphraseCipher.SALT_BYTES);
                keySource = new Passphrase(new PassphraseCipher(memory, iterations, parallelism, salt));
            } else {
                keySource = new SecretServiceKey(java.util.HexFormat.of().formatHex(in.readNBytes(KEY_ID_BYTES)));
            }
            return new Sealed(keySource, Arrays.copyOf(file, headerBytes),
                    Arrays.copyOfRange(file, headerBytes, headerBytes + PassphraseCipher.NONCE_BYTES),
                    Arrays.copyOfRange(file, headerBytes + PassphraseCipher.NONCE_BYTES, file.length));
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
