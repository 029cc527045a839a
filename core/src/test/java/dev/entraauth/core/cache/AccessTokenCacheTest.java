package dev.entraauth.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.core.io.FileLocks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's own token cache: per-scope entries, written back under the profile's token-cache lock. */
class AccessTokenCacheTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Profile PROFILE = Profile.builder("ci").tenantId("72f988bf-86f1-41af-91ab-2d7cd011db47")
            .clientId("11111111-2222-3333-4444-555555555555").authMethod(AuthMethod.ClientSecret).build();

    @TempDir
    Path home;

    /**
     * A store whose reads take a while, as a real store's decryption does: two read-modify-writes that are not
     * serialized both read the old entry, and the later write drops the earlier one's token.
     */
    private static final class SlowStore implements SecretVault {
        final Map<String, byte[]> entries = new ConcurrentHashMap<>();

        @Override
        public Optional<byte[]> read(SecretKey key) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.ofNullable(entries.get(key.qualifiedName())).map(byte[]::clone);
        }

        @Override
        public void write(SecretKey key, byte[] value) {
            entries.put(key.qualifiedName(), value.clone());
        }

        @Override
        public boolean delete(SecretKey key) {
            return entries.remove(key.qualifiedName()) != null;
        }

        @Override
        public Set<SecretKey> keys(String profile) {
            return entries.keySet().stream().map(SecretKey::parse).filter(k -> k.profile().equals(profile))
                    .collect(Collectors.toSet());
        }
    }

    private static TokenResult token(String scope) {
        return new TokenResult("token-for-" + scope, "Bearer", NOW.plusSeconds(3600), List.of(scope), PROFILE.tenantId(), false);
    }

    private static Optional<TokenResult> find(SecretVault store, String scope) {
        try {
            return AccessTokenCache.find(store, PROFILE, "ClientCredentials", List.of(scope), CLOCK);
        } catch (EntraAuthException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRememberedTokenIsFoundForItsScopesOnly() throws Exception {
        // Arrange
        SlowStore store = new SlowStore();

        // Act
        AccessTokenCache.remember(store, home, PROFILE, "ClientCredentials", List.of("api://a/.default"), token("a"), CLOCK);

        // Assert
        Optional<TokenResult> found = AccessTokenCache.find(store, PROFILE, "ClientCredentials", List.of("api://a/.default"), CLOCK);
        assertEquals("token-for-a", found.orElseThrow().accessToken());
        assertTrue(found.get().fromCache());
        assertFalse(AccessTokenCache.find(store, PROFILE, "ClientCredentials", List.of("api://b/.default"), CLOCK).isPresent());
        assertTrue(TokenCacheLock.file(home, "ci").toFile().isFile(), "the profile's token-cache lock was taken");
    }

    @Test
    void concurrentRemembersOfDifferentScopesLoseNoToken() {
        // Arrange
        SlowStore store = new SlowStore();
        List<String> scopes = List.of("api://a/.default", "api://b/.default", "api://c/.default", "api://d/.default",
                "api://e/.default", "api://f/.default", "api://g/.default", "api://h/.default");

        // Act
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (String scope : scopes) {
            writers.add(CompletableFuture.runAsync(() -> {
                try {
                    AccessTokenCache.remember(store, home, PROFILE, "ClientCredentials", List.of(scope), token(scope), CLOCK);
                } catch (EntraAuthException e) {
                    throw new CompletionException(e);
                }
            }, runnable -> Thread.ofPlatform().start(runnable)));
        }
        writers.forEach(CompletableFuture::join);

        // Assert
        for (String scope : scopes) {
            assertTrue(find(store, scope).isPresent(), scope + " was lost by a concurrent writer");
        }
    }

    @Test
    void rememberWaitsForTheProfilesTokenCacheLock() throws Exception {
        // Arrange
        SlowStore store = new SlowStore();
        FileLocks.Held held = TokenCacheLock.acquire(home, "ci");

        // Act
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                AccessTokenCache.remember(store, home, PROFILE, "ClientCredentials", List.of("api://a/.default"), token("a"), CLOCK);
            } catch (EntraAuthException e) {
                throw new CompletionException(e);
            }
        }, runnable -> Thread.ofPlatform().start(runnable));
        Thread.sleep(500);
        boolean writtenWhileLocked = !store.entries.isEmpty();
        held.close();
        writer.join();

        // Assert
        assertFalse(writtenWhileLocked, "remember wrote while another holder had the lock");
        assertTrue(find(store, "api://a/.default").isPresent());
    }
}
