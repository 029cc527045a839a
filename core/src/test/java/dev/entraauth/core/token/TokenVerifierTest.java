package dev.entraauth.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import dev.entraauth.api.ExitCode;
import dev.entraauth.core.http.HttpSettings;
import dev.entraauth.core.token.Verification.Result;
import dev.entraauth.testkit.EmulatorTokens;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.MalformedTokens;
import dev.entraauth.testkit.PublishedTokens;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect --verify}: tokens from the emulator checked against its discovery document and keys. */
class TokenVerifierTest {
    @TempDir
    Path home;

    EntraEmulator entra;
    HttpSettings settings;
    Optional<URI> emulator;

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        Path bundle = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
        settings = HttpSettings.from(Map.of(HttpSettings.CA_BUNDLE_VARIABLE, bundle.toString()), line -> { });
        emulator = Optional.of(URI.create(entra.baseUrl()));
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    Verification verify(String token, Clock clock, List<String> audiences) throws Exception {
        return new TokenVerifier(settings, home, clock).verify(Jwt.decode(token), emulator, audiences);
    }

    @Test
    void aV2TokenOfTheEmulatorVerifiesItsSignatureIssuerAudienceAndLifetime() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
        String appId = entra.seed().confidentialApp().clientId();

        Verification result = verify(token, Clock.systemUTC(), List.of(appId));

        assertEquals(List.of(), result.failures());
        assertEquals(ExitCode.OK, result.exitCode());
        assertTrue(result.signatureVerified());
        assertEquals("verified: signature, issuer, audience and lifetime", result.label());
        assertEquals(entra.baseUrl() + "/" + entra.seed().tenant().id() + "/v2.0 (the issuer in " + entra.baseUrl() + "/"
                + entra.seed().tenant().id() + "/v2.0/.well-known/openid-configuration)", result.check("issuer").orElseThrow().detail());
    }

    @Test
    void aV1TokenIsCheckedAgainstTheV1DiscoveryDocumentWhoseIssuerIsStsWindowsNet() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, "https://management.azure.com/.default");
        assertEquals("1.0", Jwt.decode(token).claims().get("ver"));

        Verification result = verify(token, Clock.systemUTC(), List.of("https://management.azure.com/"));

        assertEquals(List.of(), result.failures());
        assertTrue(result.check("issuer").orElseThrow().detail().startsWith("https://sts.windows.net/" + entra.seed().tenant().id() + "/ "));
        assertTrue(entra.requests().stream().anyMatch(r -> r.path().equals("/" + entra.seed().tenant().id() + "/.well-known/openid-configuration")));
    }

    @Test
    void withoutAnAudienceTheRestIsVerifiedAndTheLabelSaysTheAudienceWasNotChecked() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));

        Verification result = verify(token, Clock.systemUTC(), List.of());

        assertEquals(ExitCode.OK, result.exitCode());
        assertEquals(Result.SKIPPED, result.check("audience").orElseThrow().result());
        assertEquals("verified: signature, issuer and lifetime; audience not checked (give --audience)", result.label());
    }

    @Test
    void aTamperedTokenIsRejectedForItsSignature() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
        String tampered = EmulatorTokens.tamper(token, "\"Data.Read\"", "\"Data.Admin\"");

        Verification result = verify(tampered, Clock.systemUTC(), List.of());

        assertEquals(ExitCode.TOKEN_REJECTED, result.exitCode());
        assertEquals(Result.FAILED, result.check("signature").orElseThrow().result());
        assertEquals(Result.PASSED, result.check("issuer").orElseThrow().result(), "only the signature gives it away");
        assertTrue(result.label().startsWith("REJECTED: signature: the signature does not match key '"), result.label());
    }

    @Test
    void anExpiredTokenHasAValidSignatureButFailsItsLifetimeWithItsOwnExitCode() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
        Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

        Verification result = verify(token, twoHoursLater, List.of(entra.seed().confidentialApp().clientId()));

        assertEquals(ExitCode.TOKEN_EXPIRED, result.exitCode());
        assertTrue(result.signatureVerified());
        assertEquals(List.of("lifetime"), result.failures().stream().map(Verification.Check::name).toList());
        assertTrue(result.label().startsWith("signature and issuer verified, but the token expired 1h 0m ago"), result.label());
    }

    @Test
    void aTokenForAnotherAudienceIsRejected() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));

        Verification result = verify(token, Clock.systemUTC(), List.of("api://another-api"));

        assertEquals(ExitCode.TOKEN_REJECTED, result.exitCode());
        assertTrue(result.signatureVerified());
        assertEquals("REJECTED: audience: the token is for " + entra.seed().confidentialApp().clientId() + ", not api://another-api",
                result.label());
    }

    @Test
    void aGraphTokenIsNotVerifiedAndTheResultSaysOnlyGraphCanWithoutAnyRequest() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, "https://graph.microsoft.com/.default");
        entra.clearRequests();

        Verification result = verify(token, Clock.systemUTC(), List.of());

        assertEquals(ExitCode.OK, result.exitCode(), "not a failure: it is how Graph's tokens are");
        assertFalse(result.signatureVerified());
        assertEquals(Verification.GRAPH_NONCE, result.check("signature").orElseThrow().detail());
        assertEquals("decoded, not validated: " + Verification.GRAPH_NONCE, result.label());
        assertEquals(List.of(), entra.requests());
    }

    @Test
    void keysAreCachedUnderTheHomeDirectoryPrivatelyAndFetchedAgainAfter24Hours() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
        entra.clearRequests();
        verify(token, Clock.systemUTC(), List.of());
        assertEquals(2, entra.requests().size(), "the discovery document and the key set");
        Path cache = home.resolve("cache/openid-keys");
        try (var files = Files.list(cache)) {
            Path file = files.findFirst().orElseThrow();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(Files.readString(file).contains("\"jwks_uri\""));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        entra.clearRequests();

        assertEquals(ExitCode.OK, verify(token, Clock.systemUTC(), List.of()).exitCode());
        assertEquals(List.of(), entra.requests(), "a second verification, by a new verifier, uses the cached keys");

        Clock tomorrow = Clock.offset(Clock.systemUTC(), TokenVerifier.KEYS_LIFETIME.plusMinutes(1));
        verify(token, tomorrow, List.of());
        assertEquals(2, entra.requests().size(), "after 24 hours the keys are fetched again");
    }

    @Test
    void anUnknownKeyIdFetchesTheKeysAgainButNotMoreOftenThanEveryFiveMinutes() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
        verify(token, Clock.systemUTC(), List.of());
        String[] parts = token.split("\\.");
        String otherKid = MalformedTokens.b64("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"rolled-over-key\"}") + "." + parts[1] + "." + parts[2];
        entra.clearRequests();

        Verification now = verify(otherKid, Clock.systemUTC(), List.of());
        assertEquals(List.of(), entra.requests(), "keys fetched a moment ago are not fetched again");
        assertTrue(now.check("signature").orElseThrow().detail().startsWith("no key 'rolled-over-key' in the issuer's key set"));

        verify(otherKid, Clock.offset(Clock.systemUTC(), TokenVerifier.REFETCH_AFTER.plusSeconds(1)), List.of());
        assertEquals(2, entra.requests().size(), "keys roll over: an unknown key id fetches them again");
    }

    @Test
    void anIssuerThatIsNotMicrosoftsIsRejectedWithoutARequestUnlessItsHostIsTrustedExplicitly() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
        entra.clearRequests();

        Verification result = new TokenVerifier(settings, home, Clock.systemUTC()).verify(Jwt.decode(token), Optional.empty(), List.of());

        assertEquals(ExitCode.TOKEN_REJECTED, result.exitCode());
        assertTrue(result.label().startsWith("REJECTED: issuer: '" + entra.baseUrl() + "/"), result.label());
        assertTrue(result.label().endsWith("is not a Microsoft issuer; to trust another one, give its authority host with --authority-host"));
        assertEquals(List.of(), entra.requests());
    }

    @Test
    void aTokenOfAnotherTenantIsCheckedWithThatTenantsKeysAndItsIssuerMustMatch() throws Exception {
        String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
        String otherTenant = entra.addTenant("fabrikam.onmicrosoft.com").id();
        String moved = EmulatorTokens.tamper(token, entra.seed().tenant().id() + "\"", otherTenant + "\"");

        Verification result = verify(moved, Clock.systemUTC(), List.of());

        assertEquals(ExitCode.TOKEN_REJECTED, result.exitCode());
        assertEquals(Result.FAILED, result.check("issuer").orElseThrow().result(), result.checks().toString());
        assertEquals(Result.FAILED, result.check("signature").orElseThrow().result(), "fabrikam's key did not sign it");
    }

    @Test
    void anHmacTokenCannotBeVerifiedWithAnIssuersPublicKeys() throws Exception {
        Verification result = verify(PublishedTokens.RFC7515_A1_HS256, Clock.systemUTC(), List.of());

        assertEquals(ExitCode.TOKEN_REJECTED, result.exitCode());
        assertTrue(result.label().startsWith("REJECTED: algorithm: HS256 is a shared-secret MAC"), result.label());
    }

    @Test
    void theSignaturesOfRfc7515AppendixA2AndA3VerifyWithTheRfcsKeysAndFailWithTheOtherKey() throws Exception {
        JWK rsa = JWK.parse(PublishedTokens.RFC7515_A2_PUBLIC_JWK);
        JWK ec = JWK.parse(PublishedTokens.RFC7515_A3_PUBLIC_JWK);
        URI jwks = URI.create("https://example.com/keys");

        assertEquals(Result.PASSED, TokenVerifier.signature(Jwt.decode(PublishedTokens.RFC7515_A2_RS256), rsa, "a2", jwks).result());
        assertEquals(Result.PASSED, TokenVerifier.signature(Jwt.decode(PublishedTokens.RFC7515_A3_ES256), ec, "a3", jwks).result());
        assertEquals(Result.FAILED, TokenVerifier.signature(Jwt.decode(PublishedTokens.RFC7515_A2_RS256), ec, "a3", jwks).result());
        String changed = PublishedTokens.RFC7515_A3_ES256.replace(".eyJpc3MiOiJqb2Ui", ".eyJpc3MiOiJqb2Ei");
        assertEquals(Result.FAILED, TokenVerifier.signature(Jwt.decode(changed), ec, "a3", jwks).result());
    }

    @Test
    void microsoftsIssuersMapToTheirAuthorityHostsAndNothingElseDoes() {
        assertEquals(Optional.of(URI.create("https://login.microsoftonline.com")),
                TokenVerifier.microsoftAuthority("https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/"));
        assertEquals(Optional.of(URI.create("https://login.microsoftonline.com")),
                TokenVerifier.microsoftAuthority("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0"));
        assertEquals(Optional.of(URI.create("https://login.microsoftonline.us")),
                TokenVerifier.microsoftAuthority("https://login.microsoftonline.us/t/v2.0"));
        assertEquals(Optional.of(URI.create("https://login.chinacloudapi.cn")), TokenVerifier.microsoftAuthority("https://sts.chinacloudapi.cn/t/"));
        assertEquals(Optional.empty(), TokenVerifier.microsoftAuthority("https://login.microsoftonline.com.evil.example/t/v2.0"));
        assertEquals(Optional.empty(), TokenVerifier.microsoftAuthority("http://sts.windows.net/t/"));
        assertEquals(Optional.empty(), TokenVerifier.microsoftAuthority("https://sts.windows.net:8443/t/"));
        assertEquals(Optional.empty(), TokenVerifier.microsoftAuthority("joe"));
    }
}
