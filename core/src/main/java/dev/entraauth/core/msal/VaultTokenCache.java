package dev.entraauth.core.msal;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.core.cache.TokenCacheLock;
import dev.entraauth.core.io.FileLocks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * msal's token cache for one profile, kept in the secret store under {@code <profile>/token-cache}. Each access
 * that changes the cache — read, change, write — holds the profile's cross-process {@link TokenCacheLock}
 * ({@code <home>/locks/<profile>.token-cache.lock}), so concurrent processes never lose each other's tokens; the
 * network call happens between accesses, never under the lock. msal announces such an access (saving tokens,
 * removing an account) with {@code hasCacheChanged} already set when it begins; a lookup only reads the store,
 * which is replaced atomically, and so never waits for a writer. A cache that cannot be read is moved aside
 * ({@code token-cache-corrupt}, under the lock) with a warning and counts as empty: it is never the reason a command
 * fails. A lock that stays held beyond the bounded wait, or a store that cannot be read or written, fails the
 * command with that failure's own exit code and message ({@link CacheAccessException}, translated by
 * {@link MsalErrors}).
 */
public final class VaultTokenCache implements ITokenCacheAccessAspect {
    /** Where a cache that could not be read is kept for inspection. */
    public static final String QUARANTINE = "token-cache-corrupt";
    private final SecretVault vault;
    private final SecretKey key;
    private final Path home;
    private final Interaction interaction;
    private FileLocks.Held held;

    /**
     * @param vault       the opened secret store
     * @param profile     the profile whose cache this is
     * @param home        the CLI's home directory, for the lock file
     * @param interaction for warnings
     */
    public VaultTokenCache(SecretVault vault, String profile, Path home, Interaction interaction) {
        this.vault = vault;
        this.key = new SecretKey(profile, SecretKey.TOKEN_CACHE);
        this.home = home;
        this.interaction = interaction;
    }

    @Override
    public void beforeCacheAccess(ITokenCacheAccessContext context) {
        try {
            if (context.hasCacheChanged() && held == null) {
                held = TokenCacheLock.acquire(home, key.profile());
            }
            byte[] bytes = vault.read(key).orElse(null);
            if (bytes != null && !deserialize(context, bytes)) {
                if (held == null) {
                    // Moving the cache aside is a change: under the lock, and only if it is still unreadable then.
                    held = TokenCacheLock.acquire(home, key.profile());
                    bytes = vault.read(key).orElse(null);
                    if (bytes == null || deserialize(context, bytes)) {
                        return;
                    }
                }
                vault.write(new SecretKey(key.profile(), QUARANTINE), bytes);
                vault.delete(key);
                interaction.warn("the token cache of profile '" + key.profile() + "' could not be read; it was moved aside ("
                        + QUARANTINE + ") and a new token will be requested");
            }
        } catch (EntraAuthException e) {
            release();
            throw new CacheAccessException(e);
        }
    }

    private static boolean deserialize(ITokenCacheAccessContext context, byte[] bytes) {
        try {
            context.tokenCache().deserialize(new String(bytes, StandardCharsets.UTF_8));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void afterCacheAccess(ITokenCacheAccessContext context) {
        try {
            if (context.hasCacheChanged()) {
                vault.write(key, context.tokenCache().serialize().getBytes(StandardCharsets.UTF_8));
            }
        } catch (EntraAuthException e) {
            throw new CacheAccessException(e);
        } finally {
            release();
        }
    }

    private void release() {
        if (held != null) {
            try {
                held.close();
            } catch (EntraAuthException ignored) {
                // the operating system releases it when the process ends
            }
            held = null;
        }
    }
}
