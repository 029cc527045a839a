package dev.entraauth.core.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.io.FileLocks;
import dev.entraauth.core.io.SecureFiles;
import dev.entraauth.core.registry.FlowRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles in {@code <home>/profiles.json}. Reads are strict and report the path, line, column and
 * field of a problem; a file that cannot be read is never rewritten. Every change is a read-modify-write
 * under a cross-process lock, written atomically.
 */
public final class ProfileRepository {
    /** The version of the file format this build reads and writes. */
    public static final int SCHEMA_VERSION = 1;
    /** The file name inside the home directory. */
    public static final String FILE_NAME = "profiles.json";

    private final Path home;
    private final Path file;
    private final FlowRegistry flows;
    private final ObjectMapper mapper = ProfileJson.mapper();

    /**
     * @param home  the CLI's home directory
     * @param flows the flow registry, to check default-flow names
     */
    public ProfileRepository(Path home, FlowRegistry flows) {
        this.home = home;
        this.file = home.resolve(FILE_NAME);
        this.flows = flows;
    }

    /** {@return the path of profiles.json} */
    public Path file() {
        return file;
    }

    /**
     * @return every profile, in file order; empty when the file does not exist yet
     * @throws EntraAuthException {@link ExitCode#CONFIG} when the file cannot be read or is invalid
     */
    public List<Profile> list() throws EntraAuthException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes);
    }

    /**
     * @param name a profile name
     * @return the profile, if it exists
     * @throws EntraAuthException when the file cannot be read
     */
    public Optional<Profile> find(String name) throws EntraAuthException {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * @param name a profile name
     * @return the profile
     * @throws EntraAuthException {@link ExitCode#NOT_FOUND} listing the existing names when it does not exist
     */
    public Profile get(String name) throws EntraAuthException {
        List<Profile> all = list();
        return all.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new EntraAuthException(ExitCode.NOT_FOUND, "no profile '" + name + "'"
                        + (all.isEmpty() ? "; create one with 'entra-auth-cli config create'"
                                : ". Profiles: " + String.join(", ", all.stream().map(Profile::name).toList()))));
    }

    /**
     * Changes the profiles under the lock: reads the current list, applies the change, validates and
     * writes the result atomically.
     *
     * @param change the change
     * @throws EntraAuthException when the file cannot be read, the change refuses, or writing fails
     */
    public void update(Change change) throws EntraAuthException {
        try {
            SecureFiles.privateDirectory(home);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot create " + home + ": " + e.getMessage(), e);
        }
        try (FileLocks.Held ignored = FileLocks.acquire(home.resolve("profiles.lock"), FileLocks.DEFAULT_WAIT)) {
            List<Profile> next = change.apply(new ArrayList<>(list()));
            checkUnique(next);
            write(canonicalFlows(next));
        }
    }

    /**
     * @param profile a new profile
     * @throws EntraAuthException {@link ExitCode#CONFLICT} when the name is taken
     */
    public void create(Profile profile) throws EntraAuthException {
        update(current -> {
            if (current.stream().anyMatch(p -> p.name().equals(profile.name()))) {
                throw new EntraAuthException(ExitCode.CONFLICT, "profile '" + profile.name()
                        + "' exists already; change it with 'config edit -p " + profile.name() + "' or delete it first");
            }
            current.add(profile);
            return current;
        });
    }

    /**
     * @param profile the new state of an existing profile (same name)
     * @throws EntraAuthException {@link ExitCode#NOT_FOUND} when it does not exist
     */
    public void replace(Profile profile) throws EntraAuthException {
        update(current -> {
            int index = indexOf(current, profile.name());
            current.set(index, profile);
            return current;
        });
    }

    /**
     * @param name the profile to delete
     * @throws EntraAuthException {@link ExitCode#NOT_FOUND} when it does not exist
     */
    public void delete(String name) throws EntraAuthException {
        update(current -> {
            current.remove(indexOf(current, name));
            return current;
        });
    }

    private static int indexOf(List<Profile> profiles, String name) throws EntraAuthException {
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new EntraAuthException(ExitCode.NOT_FOUND, "no profile '" + name + "'");
    }

    private List<Profile> parse(byte[] bytes) throws EntraAuthException {
        ProfileDocument document;
        try {
            JsonNode root = mapper.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw ProfileJson.invalid(file, "expected a JSON object with 'schemaVersion' and 'profiles'");
            }
            JsonNode version = root.get("schemaVersion");
            if (version == null) {
                throw ProfileJson.invalid(file, "missing field 'schemaVersion'");
            }
            if (!version.isInt()) {
                throw ProfileJson.invalid(file, "wrong type: 'schemaVersion' must be a whole number");
            }
            if (version.intValue() > SCHEMA_VERSION) {
                throw ProfileJson.invalid(file, "schemaVersion " + version.intValue()
                        + " was written by a newer entra-auth-cli (this one reads version " + SCHEMA_VERSION + "); upgrade entra-auth-cli");
            }
            if (version.intValue() < 1) {
                throw ProfileJson.invalid(file, "schemaVersion " + version.intValue() + " is not a valid version");
            }
            document = mapper.readValue(bytes, ProfileDocument.class);
        } catch (JsonProcessingException e) {
            throw ProfileJson.invalid(file, e);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Profile> profiles = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < document.profiles().size(); i++) {
            ProfileEntry entry = document.profiles().get(i);
            if (entry == null) {
                throw ProfileJson.invalid(file, "profiles[" + i + "] is null");
            }
            Profile profile = entry.toProfile();
            Integer previous = seen.putIfAbsent(profile.name(), i);
            if (previous != null) {
                throw ProfileJson.invalid(file, "profiles[" + i + "].name: duplicate profile name '" + profile.name()
                        + "' (also profiles[" + previous + "])");
            }
            if (profile.defaultFlow() != null) {
                Optional<String> canonical = flows.canonicalName(profile.defaultFlow());
                if (canonical.isEmpty()) {
                    throw ProfileJson.invalid(file, "profiles[" + i + "].defaultFlow: '" + profile.defaultFlow()
                            + "' is not a known flow");
                }
                try {
                    profile = profile.toBuilder().defaultFlow(canonical.get()).build();
                } catch (IllegalArgumentException e) {
                    throw ProfileJson.invalid(file, "profiles[" + i + "]." + e.getMessage());
                }
            }
            profiles.add(profile);
        }
        return List.copyOf(profiles);
    }

    private static void checkUnique(List<Profile> profiles) throws EntraAuthException {
        Map<String, Boolean> seen = new HashMap<>();
        for (Profile p : profiles) {
            if (seen.put(p.name(), Boolean.TRUE) != null) {
                throw new EntraAuthException(ExitCode.CONFLICT, "profile '" + p.name() + "' exists already");
            }
        }
    }

    /** Stores default flows by their canonical name, and refuses a name {@link #list()} would reject. */
    private List<Profile> canonicalFlows(List<Profile> profiles) throws EntraAuthException {
        List<Profile> result = new ArrayList<>();
        for (Profile p : profiles) {
            String typed = p.defaultFlow();
            if (typed != null) {
                String canonical = flows.canonicalName(typed).orElseThrow(() -> new EntraAuthException(ExitCode.USAGE,
                        "profile '" + p.name() + "': defaultFlow '" + typed + "' is not a known flow; nothing was written"));
                try {
                    result.add(p.toBuilder().defaultFlow(canonical).build());
                } catch (IllegalArgumentException e) {
                    throw new EntraAuthException(ExitCode.USAGE, "profile '" + p.name() + "': " + e.getMessage() + "; nothing was written");
                }
            } else {
                result.add(p);
            }
        }
        return result;
    }

    private void write(List<Profile> profiles) throws EntraAuthException {
        ProfileDocument document = new ProfileDocument(SCHEMA_VERSION, profiles.stream().map(ProfileEntry::of).toList());
        try {
            byte[] bytes = mapper.writeValueAsBytes(document);
            SecureFiles.writeAtomically(file, bytes);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot write " + file + ": " + e.getMessage()
                    + " (the previous content was kept)", e);
        }
    }

    /** A change to the list of profiles, applied under the lock. */
    @FunctionalInterface
    public interface Change {
        /**
         * @param current the current profiles (a mutable copy)
         * @return the profiles to write
         * @throws EntraAuthException to refuse the change; nothing is written
         */
        List<Profile> apply(List<Profile> current) throws EntraAuthException;
    }
}
