package dev.entraauth.core.cache;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import dev.entraauth.core.io.FileLocks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Access tokens by profile settings and scopes, in the secret store under {@code <profile>/token-cache-lean}:
 * one line per token, {@code key TAB expires-epoch TAB tenant TAB scopes TAB token}. The key is a digest of
 * everything that decides which token is right (tenant, client, authority, auth method, certificate, flow,
 * scopes), so a changed profile never gets a token made for its old settings. Tokens with 5 minutes or less
 * left count as expired, as msal counts them.
 */
public final class AccessTokenCache {
    /** The secret kind of this cache (starts with {@code token-cache}, so clear-cache removes it). */
    public static final String KIND = SecretKey.TOKEN_CACHE + "-lean";
    /** Tokens with this much time left or less are not served. */
    public static final Duration MARGIN = Duration.ofMinutes(5);
    private static final int MAX_ENTRIES = 50;

    private AccessTokenCache() {
    }

    /**
     * @param vault   the secret store
     * @param profile the profile (after any command-line overrides)
     * @param flow    the flow's canonical name
     * @param scopes  the scopes asked for
     * @param clock   the clock
     * @return the cached token, when one is valid for more than {@link #MARGIN}
     * @throws StoreException when the store cannot be read
     */
    public static Optional<TokenResult> find(SecretVault vault, Profile profile, String flow, List<String> scopes, Clock clock)
            throws StoreException {
        String key = key(profile, flow, scopes);
        Instant usable = clock.instant().plus(MARGIN);
        for (String[] entry : entries(vault, profile.name())) {
            if (entry[0].equals(key)) {
                Instant expires = Instant.ofEpochSecond(Long.parseLong(entry[1]));
                if (expires.isAfter(usable)) {
                    return Optional.of(new TokenResult(entry[4], "Bearer", expires, List.of(entry[3].split(" ")), entry[2], true));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every token cached for a profile, whatever the settings and scopes it was made for, expired ones included
     * (until the next {@link #remember} drops them).
     *
     * @param vault   the secret store
     * @param profile the profile's name
     * @return the tokens, oldest first
     * @throws StoreException when the store cannot be read
     */
    public static List<TokenResult> all(SecretVault vault, String profile) throws StoreException {
        List<TokenResult> tokens = new ArrayList<>();
        for (String[] entry : entries(vault, profile)) {
            tokens.add(new TokenResult(entry[4], "Bearer", Instant.ofEpochSecond(Long.parseLong(entry[1])),
                    entry[3].isEmpty() ? List.of() : List.of(entry[3].split(" ")), entry[2], true));
        }
        return tokens;
    }

    /**
     * Remembers a token; expired entries and the oldest beyond 50 are dropped. The entry is read, changed and
     * written back under the profile's {@link TokenCacheLock}, so a concurrent process's token is never lost.
     *
     * @param vault   the secret store
     * @param home    the CLI's home directory, for the lock file
     * @param profile the profile
     * @param flow    the flow's canonical name
     * @param scopes  the scopes asked for
     * @param token   the token
     * @param clock   the clock
     * @throws EntraAuthException when the store cannot be read or written, or the lock is held by another process
     *                            beyond its bounded wait
     */
    public static void remember(SecretVault vault, Path home, Profile profile, String flow, List<String> scopes,
            TokenResult token, Clock clock) throws EntraAuthException {
        try (FileLocks.Held ignored = TokenCacheLock.acquire(home, profile.name())) {
            write(vault, profile, key(profile, flow, scopes), token, clock.instant());
        }
    }

    private static void write(SecretVault vault, Profile profile, String key, TokenResult token, Instant now)
            throws StoreException {
        List<String[]> kept = new ArrayList<>();
        for (String[] entry : entries(vault, profile.name())) {
            if (!entry[0].equals(key) && Instant.ofEpochSecond(Long.parseLong(entry[1])).isAfter(now)) {
                kept.add(entry);
            }
        }
        kept.add(new String[] {key, Long.toString(token.expiresOn().getEpochSecond()), String.valueOf(token.tenantId()),
                String.join(" ", token.scopes()), token.accessToken()});
        while (kept.size() > MAX_ENTRIES) {
            kept.removeFirst();
        }
        StringBuilder text = new StringBuilder();
        for (String[] entry : kept) {
            text.append(String.join("\t", entry)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            vault.write(new SecretKey(profile.name(), KIND), bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static List<String[]> entries(SecretVault vault, String profile) throws StoreException {
        Optional<byte[]> bytes = vault.read(new SecretKey(profile, KIND));
        if (bytes.isEmpty()) {
            return List.of();
        }
        List<String[]> entries = new ArrayList<>();
        for (String line : new String(bytes.get(), StandardCharsets.UTF_8).split("\n")) {
            String[] fields = line.split("\t", -1);
            if (fields.length == 5 && fields[1].matches("\\d{1,12}")) {
                entries.add(fields);
            }
        }
        Arrays.fill(bytes.get(), (byte) 0);
        return entries;
    }

    static String key(Profile profile, String flow, List<String> scopes) {
        String identity = String.join("\n", profile.tenantId(), profile.clientId(), profile.effectiveAuthorityHost().toString(),
                profile.authMethod().name(), String.valueOf(profile.certificate()), flow, String.join(" ", new TreeSet<>(scopes)));
        // Which identity a managed identity or federated profile acts as is part of the key too (appended only when
        // set, so the keys of other profiles stay as they were): after 'config edit --identity-id' a token of the
        // previous identity must not be answered.
        if (profile.managedIdentityId() != null) {
            identity += "\nmanaged-identity=" + profile.managedIdentityId();
        }
        if (profile.federatedTokenFile() != null) {
            identity += "\nfederated-token-file=" + profile.federatedTokenFile();
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
