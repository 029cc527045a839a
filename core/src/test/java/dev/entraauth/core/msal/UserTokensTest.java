package dev.entraauth.core.msal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.AuthorizationCodeParameters;
import com.microsoft.aad.msal4j.AuthorizationRequestUrlParameters;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.PublicClientApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.RecordedRequest;
import dev.entraauth.testkit.flow.InMemoryFlowContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The silent-first, single-flight logic every user sign-in flow shares, against the emulator over HTTPS. The
 * sign-in here is the authorization-code exchange a browser would drive, done by the test: the emulator signs
 * the seeded user in at once ({@code autoApprove}) and the test follows the redirect to read the code.
 */
class UserTokensTest {
    /**
     * A Graph scope by its short name, as Entra reports Graph scopes back: msal4j matches cached tokens by the
     * reported scopes, so a full-URI Graph scope misses msal's cache (the CLI's own cache still answers it).
     */
    static final List<String> SCOPES = List.of("User.Read");
    static final String REDIRECT = "http://localhost:53123";

    @TempDir
    Path home;

    EntraEmulator entra;
    InMemoryFlowContext context;
    Profile profile;
    final AtomicInteger signIns = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        entra.autoApprove(true);
        context = InMemoryFlowContext.trusting(entra, home);
        profile = Profile.builder("me").tenantId(entra.seed().tenant().id()).clientId(entra.seed().publicApp().clientId())
                .authMethod(AuthMethod.PublicClient).cloud(Cloud.Custom).authorityHost(URI.create(entra.baseUrl()))
                .scopes(SCOPES).build();
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    @Test
    void theFirstCallSignsInAndTheSecondIsAnsweredFromTheCacheWithoutSigningIn() throws Exception {
        TokenResult first = acquire(false);
        int requestsAfterFirst = entra.requests().size();
        TokenResult second = acquire(false);

        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(first.accessToken(), second.accessToken());
        assertEquals(1, signIns.get());
        assertEquals(requestsAfterFirst, entra.requests().size(), "no request for a cached token");
        assertTrue(context.infos().stream().anyMatch(l -> l.endsWith(" Authentication successful!")), context.infos().toString());
        assertTrue(context.secretEntries().containsKey("me/token-cache"), "the tokens live in the secret store");
    }

    @Test
    void aForcedCallRefreshesWithTheRefreshTokenSayingSoAndWithoutSigningIn() throws Exception {
        TokenResult first = acquire(false);
        entra.clearRequests();

        TokenResult refreshed = acquire(true);

        assertFalse(refreshed.fromCache());
        assertFalse(first.accessToken().equals(refreshed.accessToken()));
        assertEquals(1, signIns.get());
        assertEquals(List.of("refresh_token"), tokenRequests().stream().map(RecordedRequest::grantType).toList());
        List<String> infos = context.infos();
        int refreshing = indexOfEnding(infos, " Refreshing expired token...");
        int refreshedLine = indexOfEnding(infos, " Token refreshed");
        assertTrue(refreshing >= 0 && refreshedLine > refreshing, infos.toString());
    }

    @Test
    void anExpiredRefreshTokenSaysWhatHappenedAndSignsInAgain() throws Exception {
        acquire(false);
        entra.expireRefreshTokens();

        TokenResult again = acquire(true);

        assertFalse(again.fromCache());
        assertEquals(2, signIns.get());
        assertTrue(context.warnings().stream().anyMatch(w -> w.contains("AADSTS700082") && w.endsWith("signing in again")),
                context.warnings().toString());
    }

    @Test
    void aRevokedSignInSaysWhatHappenedAndSignsInAgain() throws Exception {
        acquire(false);
        entra.seed().user().changePassword("a new password");

        acquire(true);

        assertEquals(2, signIns.get());
        assertTrue(context.warnings().stream().anyMatch(w -> w.contains("AADSTS50173")), context.warnings().toString());
    }

    /** TC3: two acquisitions at once with an empty cache sign in once; the second waits and reuses the result. */
    @Test
    void twoConcurrentAcquisitionsWithAnEmptyCacheSignInOnce() throws Exception {
        CompletableFuture<TokenResult> a = CompletableFuture.supplyAsync(() -> acquireUnchecked(Duration.ofMillis(1500)));
        CompletableFuture<TokenResult> b = CompletableFuture.supplyAsync(() -> acquireUnchecked(Duration.ofMillis(1500)));

        TokenResult ta = a.get();
        TokenResult tb = b.get();

        assertEquals(1, signIns.get());
        assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/authorize")).count());
        assertEquals(ta.accessToken(), tb.accessToken());
        assertTrue(context.infos().stream().anyMatch(l -> l.contains("Another sign-in for profile 'me' is in progress")),
                context.infos().toString());
    }

    /** TC4: refreshes never race, so the refresh token kept is always the newest one Entra issued. */
    @Test
    void concurrentRefreshesKeepTheNewestRefreshToken() throws Exception {
        acquire(false);
        List<CompletableFuture<TokenResult>> refreshes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            refreshes.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return acquire(true);
                } catch (AuthException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<TokenResult> refresh : refreshes) {
            refresh.get();
        }

        assertEquals(1, signIns.get());
        assertEquals(6, tokenRequests().stream().filter(r -> "refresh_token".equals(r.grantType())).count());
        assertEquals(entra.newestRefreshToken(entra.seed().publicApp().clientId()).orElseThrow(), storedRefreshToken());
    }

    @Test
    void aSignInThatFailsIsReportedAsOneLineAndNothingIsCached() {
        UserTokens.SignIn refused = remaining -> {
            throw new AuthException(ExitCode.AUTHENTICATION, "the user cancelled the sign-in");
        };

        AuthException e = org.junit.jupiter.api.Assertions.assertThrows(AuthException.class, () -> UserTokens.acquire(
                application(), transport(), request(false, Duration.ofSeconds(30)), context, refused));

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertEquals("the user cancelled the sign-in", e.getMessage());
        assertFalse(context.secretEntries().containsKey("me/token-cache") && storedRefreshTokenOrNull() != null);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private TokenResult acquire(boolean force) throws AuthException {
        return acquire(force, Duration.ZERO);
    }

    private TokenResult acquireUnchecked(Duration signInDelay) {
        try {
            return acquire(false, signInDelay);
        } catch (AuthException e) {
            throw new IllegalStateException(e);
        }
    }

    private TokenResult acquire(boolean force, Duration signInDelay) throws AuthException {
        EntraHttpClient http = transport();
        PublicClientApplication application = MsalApplications.publicClient(profile, context, http);
        return UserTokens.acquire(application, http, request(force, Duration.ofSeconds(30)), context, remaining -> {
            signIns.incrementAndGet();
            Thread.sleep(signInDelay.toMillis());
            return signInWithCode(application);
        });
    }

    private PublicClientApplication application() throws AuthException {
        return MsalApplications.publicClient(profile, context, transport());
    }

    private EntraHttpClient transport() throws AuthException {
        return MsalApplications.transport(context, request(false, Duration.ofSeconds(30)));
    }

    private TokenRequest request(boolean force, Duration timeout) {
        return new TokenRequest(profile, SCOPES, force, timeout, false);
    }

    /** What a browser and the loopback listener do: follow the authorize URL, read the code, exchange it with PKCE. */
    private IAuthenticationResult signInWithCode(PublicClientApplication application) throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        java.net.URL url = application.getAuthorizationRequestUrl(AuthorizationRequestUrlParameters.builder(REDIRECT, Set.copyOf(SCOPES))
                .codeChallenge(challenge).codeChallengeMethod("S256").state("test-state").build());
        // msal always asks for response_mode=form_post: the answer is a self-posting form carrying the code
        HttpResponse<String> page = entra.httpClient().send(HttpRequest.newBuilder(url.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher field = java.util.regex.Pattern.compile("name=\"code\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(field.find(), page.body());
        String code = field.group(1);
        return application.acquireToken(AuthorizationCodeParameters.builder(code, URI.create(REDIRECT))
                .codeVerifier(verifier).scopes(Set.copyOf(SCOPES)).build()).get();
    }

    private List<RecordedRequest> tokenRequests() {
        return entra.requests().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).toList();
    }

    private String storedRefreshToken() throws Exception {
        String token = storedRefreshTokenOrNull();
        assertTrue(token != null, "a refresh token is stored");
        return token;
    }

    private String storedRefreshTokenOrNull() {
        byte[] cache = context.secretEntries().get("me/token-cache");
        if (cache == null) {
            return null;
        }
        try {
            JsonNode tokens = new ObjectMapper().readTree(cache).path("RefreshToken");
            assertTrue(tokens.size() <= 1, "one refresh token per profile: " + tokens.size());
            return tokens.isEmpty() ? null : tokens.elements().next().path("secret").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int indexOfEnding(List<String> lines, String suffix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith(suffix)) {
                return i;
            }
        }
        return -1;
    }
}
