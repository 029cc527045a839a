package dev.entraauth.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.core.cache.AccessTokenCache;
import dev.entraauth.storage.linux.internal.EncryptedFileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An image's secret store ({@code <home>/tokens.enc}) read from the test JVM through storage-linux's
 * {@link EncryptedFileStore}, as another process sees it: every read opens the file again and decrypts it
 * without taking any lock. It gives the targets of msal's cached access tokens (msal's cache JSON parsed with
 * Jackson) and the scopes of the CLI's own (lean) cache entries.
 */
final class TokenStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SecretVault vault;

    private TokenStore(SecretVault vault) {
        this.vault = vault;
    }

    /** Opens the store of the image's home directory with {@link Image#PASSPHRASE}. */
    static TokenStore open(Path home) throws StoreException {
        Map<String, String> environment = Map.of(EncryptedFileStore.PASSPHRASE_VARIABLE, Image.PASSPHRASE);
        return new TokenStore(new EncryptedFileStore().open(new Context(home, environment)));
    }

    /**
     * Reads msal's token cache of a profile and parses it.
     *
     * @return the scopes ({@code target}) of each access-token entry, empty when there is no cache yet
     * @throws IOException    when the cache is not a JSON object
     * @throws StoreException when the store cannot be read
     */
    List<Set<String>> msalAccessTokenScopes(String profile) throws IOException, StoreException {
        Optional<byte[]> bytes = vault.read(new SecretKey(profile, SecretKey.TOKEN_CACHE));
        if (bytes.isEmpty()) {
            return List.of();
        }
        JsonNode cache = JSON.readTree(new String(bytes.get(), StandardCharsets.UTF_8));
        if (!cache.isObject()) {
            throw new IOException("msal's cache is not a JSON object: " + cache.getNodeType());
        }
        List<Set<String>> targets = new ArrayList<>();
        for (JsonNode entry : cache.path("AccessToken")) {
            targets.add(Set.copyOf(List.of(entry.path("target").asText().split(" "))));
        }
        return targets;
    }

    /** {@return the scopes of each entry of the CLI's own cache of a profile, one string per entry} */
    List<String> leanCacheScopes(String profile) throws StoreException {
        Optional<byte[]> bytes = vault.read(new SecretKey(profile, AccessTokenCache.KIND));
        List<String> scopes = new ArrayList<>();
        bytes.ifPresent(b -> new String(b, StandardCharsets.UTF_8).lines()
                .map(line -> line.split("\t", -1))
                .filter(fields -> fields.length == 5)
                .forEach(fields -> scopes.add(fields[3])));
        return scopes;
    }

    /** {@return whether a profile has a secret of the given kind, such as a quarantined cache} */
    boolean has(String profile, String kind) throws StoreException {
        return vault.read(new SecretKey(profile, kind)).isPresent();
    }

    /**
     * Forgets the CLI's own cache of a profile, so that the next {@code get-token} asks msal's cache.
     *
     * @return whether there was one
     */
    boolean forgetLeanCache(String profile) throws StoreException {
        return vault.delete(new SecretKey(profile, AccessTokenCache.KIND));
    }

    private record Context(Path home, Map<String, String> environment) implements StoreContext {
        @Override
        public Interaction interaction() {
            return new Interaction() {
                @Override
                public boolean canPrompt() {
                    return false;
                }

                @Override
                public Optional<String> readLine(String prompt) {
                    return Optional.empty();
                }

                @Override
                public Optional<char[]> readSecret(String prompt) {
                    return Optional.empty();
                }

                @Override
                public void info(String message) {
                }

                @Override
                public void warn(String message) {
                    throw new AssertionError("the store warned: " + message);
                }
            };
        }
    }
}
