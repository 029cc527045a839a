package dev.entraauth.flows.authcode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.RecordedRequest;
import dev.entraauth.testkit.flow.InMemoryFlowContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AuthorizationCode flow for a web app whose redirect URI is not this machine, against the emulator: the
 * person at the terminal opens the printed address (here: the test follows it, the emulator signing the seeded
 * user in at once) and pastes the address the browser was sent to, or a tampered one.
 */
class AuthorizationCodeFlowTest {
    static final String WEB_REDIRECT = "https://app.contoso.example/signin-oidc";
    static final List<String> SCOPES = List.of("User.Read");

    @TempDir
    Path home;

    EntraEmulator entra;
    InMemoryFlowContext context;
    Profile profile;
    final AuthorizationCodeFlow flow = new AuthorizationCodeFlow();

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        entra.autoApprove(true);
        entra.seed().confidentialApp().addRedirectUri(WEB_REDIRECT);
        context = InMemoryFlowContext.trusting(entra, home)
                .secret("web", SecretKey.CLIENT_SECRET, entra.seed().clientSecret().value());
        profile = Profile.builder("web").tenantId(entra.seed().tenant().id()).clientId(entra.seed().confidentialApp().clientId())
                .authMethod(AuthMethod.ClientSecret).cloud(Cloud.Custom).authorityHost(URI.create(entra.baseUrl()))
                .redirectUri(URI.create(WEB_REDIRECT)).scopes(SCOPES).build();
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    @Test
    void thePastedRedirectAddressIsExchangedWithPkceAndTheNextCallComesFromTheCache() throws Exception {
        context.prompter(prompt -> Optional.of(followPrintedAddress(UnaryOperator.identity())));

        TokenResult first = acquire();
        TokenResult second = acquire();

        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(first.accessToken(), second.accessToken());
        String printed = printedAddress();
        assertTrue(printed.contains("code_challenge_method=S256") && printed.contains("response_mode=fragment"), printed);
        assertTrue(printed.contains("redirect_uri=" + java.net.URLEncoder.encode(WEB_REDIRECT, java.nio.charset.StandardCharsets.UTF_8)),
                printed);
        assertEquals(List.of("authorization_code"), tokenRequests().stream().map(RecordedRequest::grantType).toList());
    }

    @Test
    void justTheCodeMayBePasted() throws Exception {
        context.prompter(prompt -> Optional.of(followPrintedAddress(address ->
                address.replaceAll(".*[#&]code=([^&]+).*", "$1"))));

        TokenResult token = acquire();

        assertFalse(token.fromCache());
    }

    @Test
    void anAddressFromAnotherSignInIsRefusedBeforeAnyTokenRequest() {
        context.prompter(prompt -> Optional.of(followPrintedAddress(address -> address.replaceAll("state=[^&]+", "state=forged"))));

        AuthException e = assertThrows(AuthException.class, this::acquire);

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertTrue(e.getMessage().contains("does not belong to this sign-in"), e.getMessage());
        assertEquals(List.of(), tokenRequests());
    }

    @Test
    void anAddressOfAnotherSiteIsRefused() {
        context.prompter(prompt -> Optional.of(followPrintedAddress(address -> address.replace("app.contoso.example", "evil.example"))));

        AuthException e = assertThrows(AuthException.class, this::acquire);

        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("is not the redirect URI " + WEB_REDIRECT), e.getMessage());
        assertEquals(List.of(), tokenRequests());
    }

    @Test
    void anErrorEntraPutInTheAddressIsReported() {
        context.prompter(prompt -> Optional.of(WEB_REDIRECT + "#error=access_denied&error_description="
                + "AADSTS65004%3A+User+declined+to+consent&state=whatever"));

        AuthException e = assertThrows(AuthException.class, this::acquire);

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertEquals("sign-in failed: access_denied: AADSTS65004: User declined to consent", e.getMessage());
    }

    @Test
    void withoutATerminalItSaysWhatItNeedsInsteadOfWaiting() {
        AuthException e = assertThrows(AuthException.class, this::acquire);

        assertEquals(ExitCode.INTERACTION_REQUIRED, e.exitCode());
        assertTrue(e.getMessage().contains("needs a terminal"), e.getMessage());
        assertEquals(List.of(), entra.requests().stream().filter(r -> r.path().contains("/oauth2/")).toList());
    }

    @Test
    void aPublicClientProfileIsNotServed() {
        assertFalse(flow.canServe(profile.toBuilder().authMethod(AuthMethod.PublicClient).build()));
        assertTrue(flow.canServe(profile));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private TokenResult acquire() throws AuthException {
        return flow.acquire(new TokenRequest(profile, SCOPES, false, Duration.ofSeconds(30), false), context);
    }

    private String printedAddress() {
        return context.infos().stream().map(String::strip).filter(l -> l.startsWith("https://")).findFirst()
                .orElseThrow(() -> new AssertionError("no address printed: " + context.infos()));
    }

    /** The browser: open the printed address, land on the redirect URI, hand back (possibly tampered) what it shows. */
    private String followPrintedAddress(UnaryOperator<String> tamper) {
        try {
            return tamper.apply(entra.followAuthorize(URI.create(printedAddress())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<RecordedRequest> tokenRequests() {
        return entra.requests().stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).toList();
    }
}
