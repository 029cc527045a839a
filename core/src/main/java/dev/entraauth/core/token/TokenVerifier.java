package dev.entraauth.core.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.JWSObject;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.HttpSettings;
import dev.entraauth.core.io.SecureFiles;
import dev.entraauth.core.token.Verification.Check;
import dev.entraauth.core.token.Verification.Result;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Checks a token against its issuer (SECURITY-CHECKLIST SP4 applies): the tenant's OpenID discovery document on a
 * trusted authority host gives the issuer and the key set ({@code jwks_uri}); the signature is checked with the
 * key the header names (nimbus-jose-jwt), then the audience and the lifetime.
 *
 * <p>The authority host is never taken from the token alone: it is the one the caller trusts (a profile's, or
 * {@code --authority-host}), else Microsoft's host for an issuer on Microsoft's allow-list. Discovery documents
 * and key sets are cached under the home directory for {@link #KEYS_LIFETIME}; a key id missing from a cached
 * set refetches it (keys roll over) at most every {@link #REFETCH_AFTER}. Microsoft Graph's tokens, whose
 * header carries a {@code nonce}, are not checked: only Graph can verify them, and the result says exactly that.
 */
public final class TokenVerifier {
    /** How long fetched keys are used without asking again. */
    public static final Duration KEYS_LIFETIME = Duration.ofHours(24);
    /** A key id missing from cached keys refetches them, but not more often than this. */
    public static final Duration REFETCH_AFTER = Duration.ofMinutes(5);
    private static final Set<String> ASYMMETRIC = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
            "ES384", "ES512");
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpSettings settings;
    private final Path cacheDirectory;
    private final Clock clock;
    private EntraHttpClient http;

    /**
     * @param settings how to reach the issuer: proxies, CA bundle, timeouts, debug log
     * @param home     the CLI's home directory; keys are cached in {@code cache/openid-keys} under it
     * @param clock    the clock for the lifetime and the cache
     */
    public TokenVerifier(HttpSettings settings, Path home, Clock clock) {
        this.settings = settings;
        this.cacheDirectory = home.resolve("cache").resolve("openid-keys");
        this.clock = clock;
    }

    /**
     * @param jwt           the token
     * @param authorityHost the authority host to trust for the token's tenant; empty: Microsoft's, from the issuer
     * @param audiences     the audiences to accept; empty: the audience is not checked
     * @return every check and how it ended
     * @throws EntraAuthException when the issuer cannot be reached (network, timeout, server error)
     */
    public Verification verify(Jwt jwt, Optional<URI> authorityHost, List<String> audiences) throws EntraAuthException {
        TokenSummary facts = TokenSummary.of(jwt);
        List<Check> checks = new ArrayList<>();
        if (jwt.hasHeaderNonce()) {
            checks.add(new Check("signature", Result.SKIPPED, Verification.GRAPH_NONCE));
        } else if (!ASYMMETRIC.contains(jwt.algorithm())) {
            checks.add(new Check("algorithm", Result.FAILED, jwt.algorithm().startsWith("HS")
                    ? jwt.algorithm() + " is a shared-secret MAC: only a holder of that secret can check it; Entra ID signs with RS256"
                    : "'" + jwt.algorithm() + "' is not a signature algorithm Entra ID uses (RS256)"));
            checks.add(new Check("signature", Result.SKIPPED, "not checked: the algorithm is not one of the issuer's"));
        } else {
            checks.add(new Check("algorithm", Result.PASSED, jwt.algorithm()));
            issuerAndSignature(jwt, facts, authorityHost, checks);
        }
        checks.add(audience(facts, audiences));
        checks.add(lifetime(facts));
        return new Verification(checks);
    }

    private void issuerAndSignature(Jwt jwt, TokenSummary facts, Optional<URI> authorityHost, List<Check> checks)
            throws EntraAuthException {
        String issuer = facts.issuer();
        if (issuer == null) {
            checks.add(new Check("issuer", Result.FAILED, "the token has no issuer ('iss')"));
            return;
        }
        Optional<String> tenant = tenant(facts);
        if (tenant.isEmpty()) {
            checks.add(new Check("issuer", Result.FAILED, "no tenant id ('tid', or a GUID in 'iss') to find the issuer's keys with"));
            return;
        }
        Optional<URI> host = authorityHost.or(() -> microsoftAuthority(issuer));
        if (host.isEmpty()) {
            checks.add(new Check("issuer", Result.FAILED, "'" + issuer + "' is not a Microsoft issuer; to trust another one,"
                    + " give its authority host with --authority-host"));
            return;
        }
        boolean v1 = "1.0".equals(facts.version());
        URI discovery = URI.create(strip(host.get().toString()) + "/" + tenant.get() + (v1 ? "" : "/v2.0")
                + "/.well-known/openid-configuration");
        IssuerKeys keys;
        try {
            keys = keys(discovery, false);
        } catch (EntraAuthException e) {
            if (e.exitCode() != ExitCode.TOKEN_REJECTED) {
                throw e;
            }
            checks.add(new Check("issuer", Result.FAILED, e.getMessage()));
            return;
        }
        String expected = keys.issuer().replace("{tenantid}", tenant.get());
        checks.add(issuer.equals(expected)
                ? new Check("issuer", Result.PASSED, issuer + " (the issuer in " + discovery + ")")
                : new Check("issuer", Result.FAILED, "'" + issuer + "' is not the tenant's issuer '" + expected + "' (from " + discovery + ")"));
        String keyId = jwt.header().get("kid") instanceof String kid ? kid : jwt.header().get("x5t") instanceof String x5t ? x5t : null;
        if (keyId == null) {
            checks.add(new Check("signature", Result.FAILED, "the header names no key ('kid' or 'x5t')"));
            return;
        }
        JWK key = keys.key(keyId);
        if (key == null && !clock.instant().isBefore(keys.fetchedAt().plus(REFETCH_AFTER))) {
            keys = keys(discovery, true);
            key = keys.key(keyId);
        }
        if (key == null) {
            checks.add(new Check("signature", Result.FAILED, "no key '" + keyId + "' in the issuer's key set " + keys.jwksUri()));
            return;
        }
        checks.add(signature(jwt, key, keyId, keys.jwksUri()));
    }

    static Check signature(Jwt jwt, JWK key, String keyId, URI jwksUri) {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            return new Check("signature", Result.FAILED, "key '" + keyId + "' is not a signing key (use " + key.getKeyUse() + ")");
        }
        try {
            Key publicKey = switch (key) {
                case RSAKey rsa -> rsa.toRSAPublicKey();
                case ECKey ec -> ec.toECPublicKey();
                default -> null;
            };
            if (publicKey == null) {
                return new Check("signature", Result.FAILED, "key '" + keyId + "' is a " + key.getKeyType() + " key, which cannot check " + jwt.algorithm());
            }
            JWSObject signed = JWSObject.parse(jwt.compact());
            boolean valid = signed.verify(new DefaultJWSVerifierFactory().createJWSVerifier(signed.getHeader(), publicKey));
            return valid ? new Check("signature", Result.PASSED, jwt.algorithm() + " with key '" + keyId + "' from " + jwksUri)
                    : new Check("signature", Result.FAILED, "the signature does not match key '" + keyId
                    + "': the token was changed, or was not signed by this issuer");
        } catch (JOSEException e) {
            return new Check("signature", Result.FAILED, "key '" + keyId + "' cannot check " + jwt.algorithm() + " signatures");
        } catch (ParseException e) {
            return new Check("signature", Result.FAILED, "the token's header cannot be read as a JWS header");
        }
    }

    private static Check audience(TokenSummary facts, List<String> audiences) {
        if (audiences.isEmpty()) {
            return new Check("audience", Result.SKIPPED, "not checked: give --audience (the API's application id or identifier URI)");
        }
        for (String aud : facts.audiences()) {
            for (String wanted : audiences) {
                if (strip(aud).equalsIgnoreCase(strip(wanted))) {
                    return new Check("audience", Result.PASSED, aud);
                }
            }
        }
        return new Check("audience", Result.FAILED, "the token is for " + (facts.audiences().isEmpty() ? "no audience"
                : String.join(", ", facts.audiences())) + ", not " + String.join(" or ", audiences));
    }

    private Check lifetime(TokenSummary facts) {
        Instant now = clock.instant();
        return switch (facts.status(now)) {
            case VALID -> new Check("lifetime", Result.PASSED, "valid until " + facts.expiresAt() + " (" + facts.timeLeftText(now) + ")");
            case EXPIRED -> new Check("lifetime", Result.FAILED, "the token " + facts.timeLeftText(now) + " (exp " + facts.expiresAt() + ")");
            case NOT_YET_VALID -> new Check("lifetime", Result.FAILED, "the token is " + facts.timeLeftText(now) + " (nbf " + facts.notBefore() + ")");
            case NO_EXPIRY -> new Check("lifetime", Result.FAILED, "the token has no expiry ('exp'); Entra ID's tokens always expire");
        };
    }

    private static Optional<String> tenant(TokenSummary facts) {
        if (facts.tenantId() != null && GUID.matcher(facts.tenantId()).matches()) {
            return Optional.of(facts.tenantId().toLowerCase(Locale.ROOT));
        }
        try {
            String path = URI.create(facts.issuer()).getPath();
            for (String segment : path == null ? new String[0] : path.split("/")) {
                if (GUID.matcher(segment).matches()) {
                    return Optional.of(segment.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IllegalArgumentException e) {
            // not a URI: no tenant from it
        }
        return Optional.empty();
    }

    /**
     * The authority host of an issuer on Microsoft's allow-list (v1.0 issuers are {@code sts.windows.net} and
     * {@code sts.chinacloudapi.cn}, whose discovery documents live on the login hosts).
     *
     * @param issuer an {@code iss} claim
     * @return Microsoft's authority host for it, or empty for any other issuer
     */
    static Optional<URI> microsoftAuthority(String issuer) {
        URI uri;
        try {
            uri = URI.create(issuer);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() != -1 || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return switch (host) {
            case "sts.windows.net" -> Optional.of(URI.create("https://login.microsoftonline.com"));
            case "sts.chinacloudapi.cn" -> Optional.of(URI.create("https://login.chinacloudapi.cn"));
            default -> {
                URI candidate = URI.create("https://" + host);
                yield Cloud.isMicrosoftAuthorityHost(candidate) ? Optional.of(candidate) : Optional.empty();
            }
        };
    }

    // ---- discovery documents and key sets, cached -------------------------------------------------------

    /** The issuer and keys of one discovery document, as fetched at a time. */
    private record IssuerKeys(URI discovery, String issuer, URI jwksUri, JWKSet keys, Instant fetchedAt, Instant expiresAt) {
        JWK key(String id) {
            JWK key = keys.getKeyByKeyId(id);
            if (key == null) {
                key = keys.getKeys().stream().filter(k -> k.getX509CertThumbprint() != null
                        && k.getX509CertThumbprint().toString().equals(id)).findFirst().orElse(null);
            }
            return key;
        }
    }

    private IssuerKeys keys(URI discovery, boolean refetch) throws EntraAuthException {
        Path file = cacheDirectory.resolve(sha256(discovery.toString()).substring(0, 32) + ".json");
        Instant now = clock.instant();
        if (!refetch) {
            Optional<IssuerKeys> cached = read(file, discovery);
            if (cached.isPresent() && now.isBefore(cached.get().expiresAt()) && !now.isBefore(cached.get().fetchedAt().minus(Duration.ofMinutes(5)))) {
                settings.debug().accept("keys of " + discovery + " from the cache (fetched " + cached.get().fetchedAt() + ")");
                return cached.get();
            }
        }
        JsonNode document;
        try {
            document = JSON.readTree(get(discovery, "the OpenID discovery document"));
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.SERVICE, "the OpenID discovery document at " + discovery + " is not JSON");
        }
        String issuer = document.path("issuer").asText("");
        String jwks = document.path("jwks_uri").asText("");
        if (issuer.isEmpty() || jwks.isEmpty()) {
            throw new EntraAuthException(ExitCode.SERVICE, "the OpenID discovery document at " + discovery + " names no issuer or jwks_uri");
        }
        URI jwksUri;
        try {
            jwksUri = URI.create(jwks);
        } catch (IllegalArgumentException e) {
            throw new EntraAuthException(ExitCode.TOKEN_REJECTED, "the discovery document at " + discovery + " names a key set that is not a URL");
        }
        JWKSet keys;
        try {
            keys = JWKSet.parse(get(jwksUri, "the key set"));
        } catch (ParseException e) {
            throw new EntraAuthException(ExitCode.SERVICE, "the key set at " + jwksUri + " is not a JWK set");
        }
        IssuerKeys fetched = new IssuerKeys(discovery, issuer, jwksUri, keys.toPublicJWKSet(), now, now.plus(KEYS_LIFETIME));
        write(file, fetched);
        return fetched;
    }

    private String get(URI uri, String what) throws EntraAuthException {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new EntraAuthException(ExitCode.TOKEN_REJECTED, what + " " + uri + " is not an https URL");
        }
        try {
            HttpResponse<String> response = http().get(uri);
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            if (status == 429 || status >= 500) {
                throw new EntraAuthException(ExitCode.SERVICE, what + " at " + uri + " answered HTTP " + status);
            }
            throw new EntraAuthException(ExitCode.TOKEN_REJECTED, what + " at " + uri + " answered HTTP " + status
                    + " (does the tenant exist at that authority?)");
        } catch (HttpTimeoutException e) {
            throw new EntraAuthException(ExitCode.TIMEOUT, "no answer in time from " + uri.getHost(), e);
        } catch (SSLException e) {
            throw new EntraAuthException(ExitCode.NETWORK, "TLS to " + uri.getHost() + " failed (" + e.getMessage()
                    + "); behind TLS inspection, give your CA with --ca-bundle or ENTRA_AUTH_CLI_CA_BUNDLE", e);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.NETWORK, "cannot reach " + uri.getHost() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EntraAuthException(ExitCode.ERROR, "interrupted while fetching " + what, e);
        }
    }

    private EntraHttpClient http() throws EntraAuthException {
        if (http == null) {
            http = new EntraHttpClient(settings);
        }
        return http;
    }

    private Optional<IssuerKeys> read(Path file, URI discovery) {
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (!discovery.toString().equals(node.path("discovery").asText())) {
                return Optional.empty();
            }
            return Optional.of(new IssuerKeys(discovery, node.path("issuer").asText(), URI.create(node.path("jwks_uri").asText()),
                    JWKSet.parse(JSON.writeValueAsString(node.path("keys"))), Instant.ofEpochSecond(node.path("fetched_at").asLong()),
                    Instant.ofEpochSecond(node.path("expires_at").asLong())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | ParseException | RuntimeException e) {
            settings.debug().accept("ignoring an unreadable key cache " + file.getFileName() + ": " + e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private void write(Path file, IssuerKeys keys) {
        ObjectNode node = JSON.createObjectNode();
        node.put("discovery", keys.discovery().toString());
        node.put("issuer", keys.issuer());
        node.put("jwks_uri", keys.jwksUri().toString());
        node.put("fetched_at", keys.fetchedAt().getEpochSecond());
        node.put("expires_at", keys.expiresAt().getEpochSecond());
        node.set("keys", JSON.valueToTree(keys.keys().toJSONObject(true)));
        try {
            SecureFiles.privateDirectory(cacheDirectory);
            SecureFiles.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        } catch (IOException e) {
            settings.debug().accept("cannot cache the keys in " + file + ": " + e.getMessage());
        }
    }

    private static String strip(String text) {
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
