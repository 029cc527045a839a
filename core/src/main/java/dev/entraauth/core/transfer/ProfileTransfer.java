package dev.entraauth.core.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.core.crypto.PassphraseCipher;
import dev.entraauth.core.profile.ProfileEntry;
import dev.entraauth.core.profile.ProfileJson;
import dev.entraauth.core.registry.FlowRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;

/**
 * Writes and reads export files. Profiles are plain JSON; secrets are included only when the caller
 * passes them, and then only encrypted under a passphrase.
 */
public final class ProfileTransfer {
    private static final int MAX_FILE_BYTES = 16 * 1024 * 1024;
    private static final int EXPORT_MEMORY_KIB = 64 * 1024;
    private static final int EXPORT_ITERATIONS = 3;
    private final ObjectMapper mapper = ProfileJson.mapper();
    private final FlowRegistry flows;

    /** @param flows the flow registry, to check default-flow names on import */
    public ProfileTransfer(FlowRegistry flows) {
        this.flows = flows;
    }

    /**
     * @param profiles   the profiles to export
     * @param secrets    their secrets; empty to export without secrets
     * @param passphrase the passphrase the secrets are encrypted with; required when secrets are given
     * @param now        the export time
     * @return the file's bytes
     * @throws EntraAuthException when encryption fails
     */
    public byte[] export(List<Profile> profiles, Map<SecretKey, byte[]> secrets, char[] passphrase, Instant now)
            throws EntraAuthException {
        ExportFile.EncryptedSecrets encrypted = null;
        if (!secrets.isEmpty()) {
            if (passphrase == null || passphrase.length == 0) {
                throw new IllegalArgumentException("a passphrase is required to export secrets");
            }
            Map<String, String> plain = new TreeMap<>();
            secrets.forEach((k, v) -> plain.put(k.qualifiedName(), Base64.getEncoder().encodeToString(v)));
            PassphraseCipher cipher = PassphraseCipher.fresh(EXPORT_MEMORY_KIB, EXPORT_ITERATIONS);
            byte[] nonce = PassphraseCipher.nonce();
            byte[] json = toJson(plain);
            byte[] key = cipher.deriveKey(passphrase);
            byte[] ciphertext = PassphraseCipher.encrypt(key, nonce, json, associatedData(cipher));
            Arrays.fill(key, (byte) 0);
            Arrays.fill(json, (byte) 0);
            Base64.Encoder b64 = Base64.getEncoder();
            encrypted = new ExportFile.EncryptedSecrets("argon2id", cipher.memoryKiB(), cipher.iterations(),
                    cipher.parallelism(), b64.encodeToString(cipher.salt()), "AES-256-GCM",
                    b64.encodeToString(nonce), b64.encodeToString(ciphertext));
        }
        ExportFile file = new ExportFile(ExportFile.FORMAT, ExportFile.VERSION, now.toString(),
                profiles.stream().map(ProfileEntry::of).toList(), encrypted);
        try {
            byte[] body = mapper.writeValueAsBytes(file);
            byte[] withNewline = Arrays.copyOf(body, body.length + 1);
            withNewline[body.length] = '\n';
            return withNewline;
        } catch (JsonProcessingException e) {
            throw new EntraAuthException(ExitCode.ABNORMAL, "cannot write the export: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads an export file; secrets stay encrypted until {@link Bundle#secrets(char[])}.
     *
     * @param file the export file
     * @return its profiles and encrypted secrets
     * @throws EntraAuthException {@link ExitCode#CONFIG} naming line, column and field when it is invalid;
     *                            {@link ExitCode#NOT_FOUND} when it does not exist
     */
    public Bundle read(Path file) throws EntraAuthException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new EntraAuthException(ExitCode.CONFIG, file + ": larger than 16 MB; not an export file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new EntraAuthException(ExitCode.NOT_FOUND, "no file " + file, e);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        ExportFile export;
        try {
            export = mapper.readValue(bytes, ExportFile.class);
        } catch (JsonProcessingException e) {
            throw ProfileJson.invalid(file, e);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        Set<String> names = new HashSet<>();
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < export.profiles().size(); i++) {
            ProfileEntry entry = export.profiles().get(i);
            if (entry == null) {
                throw ProfileJson.invalid(file, "profiles[" + i + "] is null");
            }
            Profile profile = entry.toProfile();
            if (!names.add(profile.name())) {
                throw ProfileJson.invalid(file, "profiles[" + i + "].name: duplicate profile name '" + profile.name() + "'");
            }
            if (profile.defaultFlow() != null) {
                Optional<String> canonical = flows.canonicalName(profile.defaultFlow());
                if (canonical.isEmpty()) {
                    throw ProfileJson.invalid(file, "profiles[" + i + "].defaultFlow: '" + profile.defaultFlow() + "' is not a known flow");
                }
                try {
                    profile = profile.toBuilder().defaultFlow(canonical.get()).build();
                } catch (IllegalArgumentException e) {
                    throw ProfileJson.invalid(file, "profiles[" + i + "]." + e.getMessage());
                }
            }
            profiles.add(profile);
        }
        return new Bundle(file, List.copyOf(profiles), export.secrets());
    }

    private byte[] toJson(Map<String, String> map) throws EntraAuthException {
        try {
            return mapper.writeValueAsBytes(map);
        } catch (JsonProcessingException e) {
            throw new EntraAuthException(ExitCode.ABNORMAL, "cannot encode secrets: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] associatedData(PassphraseCipher cipher) {
        String text = ExportFile.FORMAT + "/" + ExportFile.VERSION + "/argon2id/" + cipher.memoryKiB() + "/"
                + cipher.iterations() + "/" + cipher.parallelism() + "/" + Base64.getEncoder().encodeToString(cipher.salt());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The content of an export file. */
    public final class Bundle {
        private final Path file;
        private final List<Profile> profiles;
        private final ExportFile.EncryptedSecrets secrets;

        private Bundle(Path file, List<Profile> profiles, ExportFile.EncryptedSecrets secrets) {
            this.file = file;
            this.profiles = profiles;
            this.secrets = secrets;
        }

        /** {@return the profiles in the file} */
        public List<Profile> profiles() {
            return profiles;
        }

        /** {@return whether the file carries encrypted secrets} */
        public boolean hasSecrets() {
            return secrets != null;
        }

        /**
         * Decrypts the secrets.
         *
         * @param passphrase the passphrase the file was exported with
         * @return the secrets by key; empty when the file has none
         * @throws EntraAuthException on a wrong passphrase or a damaged file
         */
        public Map<SecretKey, byte[]> secrets(char[] passphrase) throws EntraAuthException {
            if (secrets == null) {
                return Map.of();
            }
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] plain;
            try {
                PassphraseCipher cipher = new PassphraseCipher(secrets.memoryKiB(), secrets.iterations(),
                        secrets.parallelism(), b64.decode(secrets.salt()));
                byte[] key = cipher.deriveKey(passphrase);
                try {
                    plain = PassphraseCipher.decrypt(key, b64.decode(secrets.nonce()), b64.decode(secrets.ciphertext()),
                            associatedData(cipher));
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            } catch (IllegalArgumentException e) {
                throw new EntraAuthException(ExitCode.CONFIG, file + ": secrets: " + e.getMessage(), e);
            } catch (AEADBadTagException e) {
                throw new EntraAuthException(ExitCode.ERROR, file + ": wrong passphrase, or the secrets in the file were modified", e);
            }
            try {
                Map<String, String> map = mapper.readValue(plain, new TypeReference<LinkedHashMap<String, String>>() { });
                Map<SecretKey, byte[]> result = new LinkedHashMap<>();
                for (Map.Entry<String, String> e : map.entrySet()) {
                    SecretKey key = SecretKey.parse(e.getKey());
                    if (profiles.stream().noneMatch(p -> p.name().equals(key.profile()))) {
                        throw new IllegalArgumentException("a secret belongs to no profile in the file");
                    }
                    result.put(key, b64.decode(e.getValue()));
                }
                return result;
            } catch (IOException | IllegalArgumentException e) {
                throw new EntraAuthException(ExitCode.CONFIG, file + ": the decrypted secrets are not valid", e);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }
}
