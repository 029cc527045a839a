package dev.entraauth.core.msal;

import com.microsoft.aad.msal4j.ITokenCacheAccessAspect;
import com.microsoft.aad.msal4j.ITokenCacheAccessContext;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * msal's token cache for one profile, kept in the secret store under {@code <profile>/token-cache}: read
 * before each access, written after a change. A cache that cannot be read counts as empty (the user signs in
 * again) and is reported; it is never the reason a command fails.
 */
public final class VaultTokenCache implements ITokenCacheAccessAspect {
    private final SecretVault vault;
    private final SecretKey key;
    private final Interaction interaction;

    /**
     * @param vault       the opened secret store
     * @param profile     the profile whose cache this is
     * @param interaction for warnings
     */
    public VaultTokenCache(SecretVault vault, String profile, Interaction interaction) {
        this.vault = vault;
        this.key = new SecretKey(profile, SecretKey.TOKEN_CACHE);
        this.interaction = interaction;
    }

    @Override
    public void beforeCacheAccess(ITokenCacheAccessContext context) {
        try {
            vault.read(key).ifPresent(bytes -> {
                try {
                    context.tokenCache().deserialize(new String(bytes, StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    interaction.warn("the token cache of profile '" + key.profile() + "' could not be read and is ignored");
                }
            });
        } catch (StoreException e) {
            throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
        }
    }

    @Override
    public void afterCacheAccess(ITokenCacheAccessContext context) {
        if (!context.hasCacheChanged()) {
            return;
        }
        try {
            vault.write(key, context.tokenCache().serialize().getBytes(StandardCharsets.UTF_8));
        } catch (StoreException e) {
            throw new UncheckedIOException(new java.io.IOException(e.getMessage(), e));
        }
    }
}
