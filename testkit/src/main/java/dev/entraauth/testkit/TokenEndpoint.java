package dev.entraauth.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}: client credentials (secret or certificate assertion), authorization
 * code with PKCE, device code and refresh token grants, checked as Entra checks them
 * (v2-oauth2-client-creds-grant-flow, certificate-credentials, v2-oauth2-auth-code-flow, v2-oauth2-device-code,
 * refresh-tokens).
 */
final class TokenEndpoint {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** The short device-code grant type Entra also accepts, and the one msal4j sends. */
    static final String DEVICE_GRANT_SHORT = "device_code";
    /** Device-code errors after which the code is gone (RFC 8628 §3.5, v2-oauth2-device-code). */
    private static final java.util.Set<String> TERMINAL_DEVICE_ERRORS = java.util.Set.of("authorization_declined", "access_denied",
            "expired_token", "bad_verification_code");
    private static final long SKEW_SECONDS = 300;

    private final EntraEmulator emulator;

    TokenEndpoint(EntraEmulator emulator) {
        this.emulator = emulator;
    }

    void handle(Call call, Matcher path) throws IOException {
        Tenant tenant = emulator.tenant(path.group("tenant"));
        String clientId = call.param("client_id");
        String grant = call.form().get("grant_type");
        if (grant == null) {
            throw OAuthError.invalidRequest(900144, "The request body must contain the following parameter: 'grant_type'.");
        }
        Map<String, Object> response = switch (grant) {
            case "client_credentials" -> clientCredentials(call, tenant, clientId);
            case "authorization_code" -> authorizationCode(call, tenant, clientId);
            case "refresh_token" -> refresh(call, tenant, clientId);
            case DEVICE_GRANT, DEVICE_GRANT_SHORT -> deviceCode(call, tenant, clientId);
            default -> throw new OAuthError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                    + grant + "'.");
        };
        call.json(200, response);
    }

    // ---- grants -------------------------------------------------------------------------------------------

    private Map<String, Object> clientCredentials(Call call, Tenant tenant, String clientId) {
        Application app = application(tenant, clientId);
        String acr = authenticateClient(call, tenant, app, true);
        String scope = call.form().get("scope");
        if (scope == null) {
            throw OAuthError.invalidRequest(900144, "The request body must contain the following parameter: 'scope'.");
        }
        // OIDC scopes (msal always adds openid profile offline_access) are ignored here, as Entra ignores them.
        String[] items = scope.trim().split("\\s+");
        StringBuilder resourceScopes = new StringBuilder();
        for (String item : items) {
            if (Scopes.OIDC.contains(item.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            if (!item.endsWith("/.default")) {
                throw OAuthError.scopeNeedsDefault(item);
            }
            resourceScopes.append(resourceScopes.isEmpty() ? "" : " ").append(item);
        }
        if (resourceScopes.isEmpty()) {
            throw OAuthError.scopeNeedsDefault(scope);
        }
        Scopes scopes = Scopes.parse(resourceScopes.toString(), tenant);
        if (scopes.resource() == null || !scopes.isDefault()) {
            throw OAuthError.scopeNeedsDefault(scope);
        }
        Instant now = Instant.now();
        Set<String> roles = app.applicationPermissions(scopes.resource().identifier());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", Tokens.LIFETIME.toSeconds());
        body.put("ext_expires_in", Tokens.LIFETIME.toSeconds());
        body.put("access_token", emulator.tokens().accessToken(tenant, app, null, scopes.resource(), roles, true, acr, now, Tokens.LIFETIME));
        return body;
    }

    private Map<String, Object> authorizationCode(Call call, Tenant tenant, String clientId) {
        Application app = application(tenant, clientId);
        String acr = authenticateClient(call, tenant, app, false);
        String code = call.form().get("code");
        if (code == null) {
            throw OAuthError.invalidRequest(900144, "The request body must contain the following parameter: 'code'.");
        }
        if (emulator.grants().redeemedCodes.contains(code)) {
            throw OAuthError.codeRedeemed();
        }
        Grants.AuthCode grant = emulator.grants().codes.remove(code);
        if (grant == null || !grant.clientId().equals(app.clientId()) || !grant.tenantId().equals(tenant.id())) {
            throw OAuthError.invalidGrant(70000, "Provided grant is invalid or malformed.");
        }
        emulator.grants().redeemedCodes.add(code);
        if (grant.expiresAt().isBefore(Instant.now())) {
            throw OAuthError.invalidGrant(70008, "The provided authorization code or refresh token has expired due to inactivity.");
        }
        String redirect = call.form().get("redirect_uri");
        if (redirect == null || !redirect.equals(grant.redirectUri())) {
            throw OAuthError.invalidGrant(70000, "The redirect_uri does not match the one used in the authorization request.");
        }
        if (grant.challenge() != null) {
            String verifier = call.form().get("code_verifier");
            if (verifier == null || !grant.challenge().equals(challenge(verifier, grant.challengeMethod()))) {
                throw OAuthError.codeVerifierMismatch();
            }
        }
        User user = tenant.userById(grant.userId()).orElseThrow(() -> OAuthError.invalidGrant(70000, "The user no longer exists."));
        String scope = call.form().get("scope") != null ? call.form().get("scope") : grant.scope();
        return userTokens(call, tenant, app, user, scope, acr, grant.nonce());
    }

    private Map<String, Object> refresh(Call call, Tenant tenant, String clientId) {
        Application app = application(tenant, clientId);
        String acr = authenticateClient(call, tenant, app, false);
        String token = call.form().get("refresh_token");
        Grants.RefreshGrant grant = token == null ? null : emulator.grants().refreshTokens.get(token);
        if (grant == null || !grant.clientId().equals(app.clientId())) {
            throw OAuthError.invalidGrant(9002313, "Invalid request. Request is malformed or invalid.");
        }
        if (grant.issuedAt().plus(emulator.grants().refreshTokenMaxInactive).isBefore(Instant.now())) {
            throw OAuthError.refreshTokenExpired(grant.issuedAt().toString());
        }
        User user = tenant.userById(grant.userId()).orElseThrow(OAuthError::grantRevoked);
        if (user.passwordChangedAt().isAfter(grant.issuedAt())) {
            throw OAuthError.grantRevoked();
        }
        String scope = call.form().get("scope");
        Scopes scopes = Scopes.parse(scope == null ? "openid profile offline_access" : scope, tenant);
        if (user.mfaRequired()) {
            throw OAuthError.mfaRequired(scopes.resource() == null ? Scopes.GRAPH.appId() : scopes.resource().appId());
        }
        return userTokens(call, tenant, app, user, scope, acr, null);
    }

    private Map<String, Object> deviceCode(Call call, Tenant tenant, String clientId) {
        Application app = application(tenant, clientId);
        String code = call.form().get("device_code");
        Grants grants = emulator.grants();
        Grants.DeviceGrant grant = code == null ? null : grants.deviceCodes.get(code);
        if (grant == null || !grant.clientId.equals(app.clientId())) {
            throw OAuthError.deviceFlow("bad_verification_code", "The provided value for the input parameter 'device_code' is not valid.");
        }
        Instant now = Instant.now();
        if (now.isAfter(grant.expiresAt)) {
            grants.deviceCodes.remove(code);
            throw OAuthError.deviceFlow("expired_token", "The provided value for the input parameter 'device_code' is not valid."
                    + " This device code has expired.");
        }
        Instant last = grant.lastPoll;
        grant.lastPoll = now;
        synchronized (grants) {
            if (grants.slowDownsPending > 0) {
                grants.slowDownsPending--;
                throw OAuthError.deviceFlow("slow_down", "The client is polling too quickly and should back off.");
            }
        }
        String scripted = grants.devicePollAnswers.poll();
        if (scripted != null) {
            if (TERMINAL_DEVICE_ERRORS.contains(scripted)) {
                grants.deviceCodes.remove(code);
            }
            throw OAuthError.deviceFlow(scripted, switch (scripted) {
                case "authorization_pending" -> "OAuth 2.0 device flow error. Authorization is pending. Continue polling.";
                case "slow_down" -> "The client is polling too quickly and should back off.";
                default -> "The emulator was told to answer " + scripted + " to this poll (control API).";
            });
        }
        if (grants.enforcePollInterval && last != null && last.plusSeconds(grant.interval).isAfter(now.plusMillis(500))) {
            throw OAuthError.deviceFlow("slow_down", "The client is polling too quickly and should back off.");
        }
        return switch (grant.state) {
            case PENDING -> throw OAuthError.deviceFlow("authorization_pending", "OAuth 2.0 device flow error. Authorization is pending."
                    + " Continue polling.");
            case DECLINED -> {
                grants.deviceCodes.remove(code);
                throw OAuthError.deviceFlow("authorization_declined", "the user declined the authorization request.");
            }
            case APPROVED -> {
                grants.deviceCodes.remove(code);
                User user = tenant.userById(grant.userId).orElseThrow();
                yield userTokens(call, tenant, app, user, grant.scope, "0", null);
            }
        };
    }

    // ---- shared -------------------------------------------------------------------------------------------

    /** Tokens for a user: access token for the one resource, refresh token with offline_access, id token with openid. */
    private Map<String, Object> userTokens(Call call, Tenant tenant, Application app, User user, String scope, String acr, String nonce) {
        Scopes scopes = Scopes.parse(scope, tenant);
        Scopes.Resource resource = scopes.resource() != null ? scopes.resource() : Scopes.GRAPH;
        Set<String> consented = new LinkedHashSet<>(app.adminConsent(resource.identifier()));
        consented.addAll(emulator.grants().consented(user.objectId(), app.clientId(), resource.identifier()));
        // Only OIDC scopes: Entra answers with a Graph User.Read token, as for a sign-in without a resource.
        Set<String> granted = scopes.resource() == null ? Set.of("User.Read")
                : scopes.isDefault() ? consented : scopes.scopes();
        if (scopes.resource() != null && (granted.isEmpty() || !consented.containsAll(granted))) {
            throw OAuthError.consentRequired(app);
        }
        Instant now = Instant.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        Set<String> reported = new LinkedHashSet<>();
        reported.add(scopes.resource() == null ? "User.Read" : scopes.granted(granted));
        scopes.oidc().stream().filter(o -> !o.equals("offline_access")).forEach(reported::add);
        body.put("scope", String.join(" ", reported));
        body.put("expires_in", Tokens.LIFETIME.toSeconds());
        body.put("ext_expires_in", Tokens.LIFETIME.toSeconds());
        body.put("access_token", emulator.tokens().accessToken(tenant, app, user, resource, granted, false, acr, now, Tokens.LIFETIME));
        if (scopes.oidc().contains("offline_access")) {
            String refresh = "0.A" + Tokens.randomId(48);
            emulator.grants().refreshTokens.put(refresh, new Grants.RefreshGrant(tenant.id(), app.clientId(), user.objectId(), now,
                    emulator.grants().refreshSerial.incrementAndGet()));
            body.put("refresh_token", refresh);
        }
        if (scopes.oidc().contains("openid")) {
            body.put("id_token", emulator.tokens().idToken(tenant, app, user, nonce, now));
        }
        if ("1".equals(call.param("client_info"))) {
            body.put("client_info", Tokens.clientInfo(user, tenant));
        }
        return body;
    }

    private Application application(Tenant tenant, String clientId) {
        if (clientId == null) {
            throw OAuthError.invalidRequest(900144, "The request body must contain the following parameter: 'client_id'.");
        }
        return tenant.application(clientId).orElseThrow(() -> OAuthError.applicationNotFound(clientId, tenant.id()));
    }

    /**
     * Authenticates the client: a secret (form or Basic), or a certificate assertion; a public client may send none
     * unless the grant requires a confidential client.
     *
     * @return the {@code appidacr}/{@code azpacr}: "0" none, "1" secret, "2" certificate
     */
    private String authenticateClient(Call call, Tenant tenant, Application app, boolean confidentialOnly) {
        String secret = call.form().get("client_secret");
        String basic = call.header("Authorization");
        if (secret == null && basic != null && basic.startsWith("Basic ")) {
            String decoded = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            secret = java.net.URLDecoder.decode(decoded.substring(decoded.indexOf(':') + 1), StandardCharsets.UTF_8);
        }
        String assertion = call.form().get("client_assertion");
        if (secret != null) {
            String given = secret;
            ClientSecret match = app.secrets().stream().filter(s -> MessageDigest.isEqual(
                    s.value().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))).findFirst()
                    .orElseThrow(() -> OAuthError.invalidSecret(app.clientId()));
            if (match.expiresAt().isBefore(Instant.now())) {
                throw OAuthError.expiredSecret(app.clientId());
            }
            return "1";
        }
        if (assertion != null) {
            if (!ASSERTION_TYPE.equals(call.form().get("client_assertion_type"))) {
                throw OAuthError.invalidRequest(7000219, "'client_assertion_type' must be '" + ASSERTION_TYPE + "'.");
            }
            verifyAssertion(call, app, assertion);
            return "2";
        }
        if (confidentialOnly || !app.isPublicClient()) {
            throw OAuthError.noCredential(app.clientId());
        }
        return "0";
    }

    /** Checks a client assertion as Entra does (certificate-credentials). */
    private void verifyAssertion(Call call, Application app, String assertion) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw OAuthError.assertionSignature("The assertion is not a signed JWT.");
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!JWSAlgorithm.RS256.equals(alg) && !JWSAlgorithm.PS256.equals(alg)) {
            throw OAuthError.assertionSignature("Unsupported algorithm " + alg + ".");
        }
        java.util.Optional<FederatedIssuer> federated = jwt.getHeader().getX509CertThumbprint() == null
                && jwt.getHeader().getX509CertSHA256Thumbprint() == null ? emulator.federatedIssuer(claims.getIssuer())
                : java.util.Optional.empty();
        if (federated.isPresent()) {
            verifyFederated(app, jwt, claims, federated.get());
            return;
        }
        String x5t = jwt.getHeader().getX509CertThumbprint() == null ? null : jwt.getHeader().getX509CertThumbprint().toString();
        String x5tS256 = jwt.getHeader().getX509CertSHA256Thumbprint() == null ? null
                : jwt.getHeader().getX509CertSHA256Thumbprint().toString();
        X509Certificate certificate = app.certificateByThumbprint(x5t, x5tS256).orElseThrow(() -> OAuthError.assertionSignature(
                "The certificate with identifier used to sign the client assertion is not registered on application."));
        try {
            if (!jwt.verify(new RSASSAVerifier((RSAPublicKey) certificate.getPublicKey()))) {
                throw OAuthError.assertionSignature("The signature does not verify with the registered certificate.");
            }
        } catch (JOSEException e) {
            throw OAuthError.assertionSignature(e.getMessage());
        }
        if (!app.clientId().equals(claims.getIssuer()) || !app.clientId().equals(claims.getSubject())) {
            throw OAuthError.assertionClaims("iss and sub must both be the client id.");
        }
        String endpoint = emulator.baseUrl() + call.path;
        if (claims.getAudience() == null || !claims.getAudience().contains(endpoint)) {
            throw OAuthError.assertionClaims("aud must be " + endpoint + ".");
        }
        long now = Instant.now().getEpochSecond();
        long exp = claims.getExpirationTime() == null ? 0 : claims.getExpirationTime().toInstant().getEpochSecond();
        long nbf = claims.getNotBeforeTime() == null ? now : claims.getNotBeforeTime().toInstant().getEpochSecond();
        if (exp + SKEW_SECONDS < now || nbf - SKEW_SECONDS > now) {
            throw OAuthError.assertionTimeRange(now, nbf, exp);
        }
        if (claims.getJWTID() == null || !emulator.grants().usedAssertionIds.add(claims.getJWTID())) {
            throw OAuthError.assertionReplayed();
        }
    }

    /**
     * A token of an external issuer as the client assertion (workload-identity-federation): signed by the issuer's
     * key, and an app's federated credential must match its issuer, subject and audience exactly. Entra's codes:
     * AADSTS700211 (issuer), AADSTS700213 (subject), AADSTS700212 (audience), AADSTS700024 (expired).
     */
    private void verifyFederated(Application app, SignedJWT jwt, JWTClaimsSet claims, FederatedIssuer issuer) {
        if (!issuer.verifies(jwt)) {
            throw OAuthError.assertionSignature("The federated token's signature does not verify with the keys of its issuer "
                    + issuer.issuer() + ".");
        }
        List<Application.FederatedCredential> credentials = app.federatedCredentials().stream()
                .filter(c -> c.issuer().equals(claims.getIssuer())).toList();
        if (credentials.isEmpty()) {
            throw new OAuthError(401, "invalid_client", 700211, "No matching federated identity record found for presented"
                    + " assertion issuer '" + claims.getIssuer() + "'.");
        }
        credentials = credentials.stream().filter(c -> c.subject().equals(claims.getSubject())).toList();
        if (credentials.isEmpty()) {
            throw new OAuthError(401, "invalid_client", 700213, "No matching federated identity record found for presented"
                    + " assertion subject '" + claims.getSubject() + "'.");
        }
        if (credentials.stream().noneMatch(c -> claims.getAudience() != null && claims.getAudience().contains(c.audience()))) {
            throw new OAuthError(401, "invalid_client", 700212, "No matching federated identity record found for presented"
                    + " assertion audience '" + String.join(",", claims.getAudience() == null ? List.of() : claims.getAudience()) + "'.");
        }
        long now = Instant.now().getEpochSecond();
        long exp = claims.getExpirationTime() == null ? 0 : claims.getExpirationTime().toInstant().getEpochSecond();
        long nbf = claims.getNotBeforeTime() == null ? now : claims.getNotBeforeTime().toInstant().getEpochSecond();
        if (exp + SKEW_SECONDS < now || nbf - SKEW_SECONDS > now) {
            throw OAuthError.assertionTimeRange(now, nbf, exp);
        }
        emulator.acceptedFederatedToken(claims.getJWTID());
    }

    static String challenge(String verifier, String method) {
        if (method == null || method.equals("plain")) {
            return verifier;
        }
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
