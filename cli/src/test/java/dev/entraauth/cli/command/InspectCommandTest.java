package dev.entraauth.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.token.Verification;
import dev.entraauth.testkit.EmulatorTokens;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.MalformedTokens;
import dev.entraauth.testkit.PublishedTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}: published tokens, the malformed corpus (BI1), a profile's cached token, and {@code --verify} against the emulator. */
class InspectCommandTest {
    static final String TENANT = ConfigCreateCommandTest.TENANT;
    static final String CLIENT = ConfigCreateCommandTest.CLIENT;

    @TempDir
    Path home;

    static String token(String claims) {
        return MalformedTokens.HEADER + "." + MalformedTokens.b64(claims) + "." + MalformedTokens.SIGNATURE;
    }

    static boolean hasLine(String text, String regex) {
        return Pattern.compile("(?m)^" + regex + "$").matcher(text).find();
    }

    @Test
    void microsoftsV1TokenFromStandardInputShowsHeaderAndClaimsWithMeaningsTimesInUtcAndLocalAndTheLabel() {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        try {
            CliRun cli = new CliRun(home).stdin(PublishedTokens.V1_ACCESS_TOKEN + "\n");

            assertEquals(0, cli.run("inspect", "-"), cli.err);

            String out = cli.out;
            assertTrue(out.startsWith("JWT, RS256, 14-byte signature: decoded, not validated (--verify checks it against the issuer's keys)\n"), out);
            assertTrue(hasLine(out, "kid +i6lGk3FZzxRcUb2C3nEQ7syHJlY +id of the signing key in the issuer's key set \\(JWKS\\)"), out);
            assertTrue(hasLine(out, "aud +ef1da9d4-ff77-4c3e-a005-840c3f830745 +audience: the API this token is for; any other API rejects it"), out);
            assertTrue(hasLine(out, "iat +2018-09-18 01:11:46 UTC \\(local 2018-09-18 10:11:46 JST\\) +issued at"), out);
            assertTrue(hasLine(out, "exp +2018-09-18 02:16:46 UTC \\(local 2018-09-18 11:16:46 JST\\) +expires; expired \\d+d \\d+h ago"), out);
            assertTrue(hasLine(out, "appidacr +0 +how the client authenticated \\(v1.0\\); public client \\(no client credential\\)"), out);
            assertTrue(hasLine(out, "scp +user_impersonation +delegated permissions \\(scopes\\) the user granted the app"), out);
            assertTrue(hasLine(out, "amr +\\[\"wia\"\\] +how the user authenticated .*"), out);
            assertTrue(out.contains("Expires 2018-09-18 02:16:46 UTC (local 2018-09-18 11:16:46 JST): expired "), out);
            assertFalse(out.contains("D3H6pMUtQnoJAGq6AHd"), "the signature is never printed");
            assertFalse(out.contains(PublishedTokens.V1_ACCESS_TOKEN.substring(0, 40)), "nor the token");
            assertEquals("", cli.err);
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void theTokenComesAlikeFromTheOptionFromStandardInputAndFromTheOptionWithADash() {
        CliRun byOption = new CliRun(home);
        CliRun byDash = new CliRun(home).stdin(PublishedTokens.V2_ACCESS_TOKEN);
        CliRun byOptionDash = new CliRun(home).stdin("  " + PublishedTokens.V2_ACCESS_TOKEN + "\r\n");

        assertEquals(0, byOption.run("inspect", "-t", PublishedTokens.V2_ACCESS_TOKEN), byOption.err);
        assertEquals(0, byDash.run("inspect", "-"), byDash.err);
        assertEquals(0, byOptionDash.run("inspect", "--token", "-"), byOptionDash.err);

        assertTrue(hasLine(byOption.out, "azp +6e74172b-be56-4843-9ff4-e66a39bb12e3 +application \\(client\\) id .*"), byOption.out);
        assertEquals(byOption.out, byDash.out);
        assertEquals(byOption.out, byOptionDash.out);
    }

    @Test
    void claimsAndHeaderPrintOnlyTheirPartAndNotBoth() {
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("inspect", "-t", PublishedTokens.V2_ID_TOKEN, "--claims"), cli.err);
        assertTrue(cli.out.contains("CLAIM") && cli.out.contains("nonce") && !cli.out.contains("HEADER"), cli.out);
        assertTrue(cli.out.startsWith("JWT, RS256, 256-byte signature: decoded, not validated"), cli.out);

        assertEquals(0, cli.run("inspect", "-t", PublishedTokens.V2_ID_TOKEN, "--header"), cli.err);
        assertTrue(cli.out.contains("HEADER") && cli.out.contains("1LTMzakihiRla_8z2BEJVXeWMqo") && !cli.out.contains("CLAIM"), cli.out);

        assertEquals(2, cli.run("inspect", "-t", PublishedTokens.V2_ID_TOKEN, "--header", "--claims"));
        assertEquals("Error: give --claims or --header, not both (without either, both are shown)\n", cli.err);
    }

    @Test
    void jsonHasHeaderClaimsTheFactsAndTheLabel() throws Exception {
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("inspect", "-t", PublishedTokens.V1_ACCESS_TOKEN, "--output", "json"), cli.err);

        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertFalse(json.get("validated").asBoolean());
        assertTrue(json.get("label").asText().startsWith(Verification.NOT_VALIDATED), json.toString());
        assertEquals("i6lGk3FZzxRcUb2C3nEQ7syHJlY", json.at("/header/x5t").asText());
        assertEquals("user_impersonation", json.at("/claims/scp").asText());
        assertEquals(1537237006, json.at("/claims/exp").asLong());
        assertEquals("Delegated", json.at("/summary/kind").asText());
        assertEquals("2018-09-18T02:16:46Z", json.at("/summary/expires_at").asText());
        assertEquals("expired", json.at("/summary/status").asText());
        assertTrue(json.at("/summary/expires_in_seconds").asLong() < 0);
        assertFalse(json.has("verification"));
        assertFalse(cli.out.contains("D3H6pMUtQnoJAGq6AHd"));
    }

    @Test
    void jsonOfOnePartIsThatObjectAloneAndTheLabelGoesToStandardError() throws Exception {
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("inspect", "-t", PublishedTokens.V2_ACCESS_TOKEN, "--claims", "--output", "json"), cli.err);

        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertEquals("access_as_user", json.get("scp").asText());
        assertFalse(json.has("claims"));
        assertTrue(cli.err.startsWith(Verification.NOT_VALIDATED), cli.err);
    }

    @Test
    void everyMalformedTokenOfTheCorpusExits2WithOneErrorLineNoStackTraceAndNoEcho() {
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (MalformedTokens.Entry entry : MalformedTokens.corpus()) {
            CliRun cli = new CliRun(home).stdin(entry.token());
            boolean byOption = i++ % 2 == 1 && entry.token().indexOf('\u0000') < 0;
            int code = byOption ? cli.run("inspect", "-t", entry.token()) : cli.run("inspect", "-");
            if (code != 2) {
                problems.add(entry.name() + ": exit " + code + " " + cli.err);
            }
            if (!cli.out.isEmpty()) {
                problems.add(entry.name() + ": printed " + cli.out);
            }
            if (!cli.err.startsWith("Error: ") || cli.err.lines().count() != 1 || cli.err.contains("\tat ")) {
                problems.add(entry.name() + ": stderr is not one error line: " + cli.err);
            }
            if (quotes(cli.err, entry.token())) {
                problems.add(entry.name() + ": stderr quotes the token: " + cli.err);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void controlCharactersFromTheTokenAreEscapedSoTheyCannotDriveTheTerminal() {
        CliRun cli = new CliRun(home);
        String token = token("{\"name\":\"Ada\\u001b[2J\\u001b]0;owned\\u0007\\nexp 2999\",\"x\\u202eevil\":1}");

        assertEquals(0, cli.run("inspect", "-t", token), cli.err);

        assertFalse(cli.out.contains("\u001b") || cli.out.contains("\u0007") || cli.out.contains("\u202e"), cli.out);
        assertTrue(cli.out.contains("Ada\\u001b[2J\\u001b]0;owned\\u0007\\u000aexp 2999"), cli.out);
        assertTrue(cli.out.contains("x\\u202eevil"), cli.out);
    }

    @Test
    void aProfilesCachedTokenIsInspectedWithoutPrintingTheToken() {
        CliRun cli = profileWithCachedToken(PublishedTokens.V2_ACCESS_TOKEN, "api://x/.default");

        assertEquals(0, cli.run("inspect", "--profile", "default"), cli.err);

        assertTrue(hasLine(cli.out, "scp +access_as_user +.*"), cli.out);
        assertFalse(cli.out.contains(PublishedTokens.V2_ACCESS_TOKEN.substring(0, 30)));
        assertFalse(cli.out.contains("pj4N-w_3Us9DrBLfpCt"));
        assertEquals(0, cli.run("inspect", "-p", "default", "--scope", "api://x/.default"), cli.err);
        assertEquals(6, cli.run("inspect", "-p", "default", "--scope", "api://y/.default"));
        assertEquals("Error: no cached token for profile 'default' and scopes api://y/.default; get one with 'entra-auth-cli get-token -p default'\n",
                cli.err);
    }

    @Test
    void aProfileWithoutACachedTokenSaysHowToGetOne() {
        CliRun cli = new CliRun(home).stdin("secret-value");
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "empty", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin"), cli.err);

        assertEquals(6, cli.run("inspect", "-p", "empty"));
        assertEquals("Error: no cached token for profile 'empty'; get one with 'entra-auth-cli get-token -p empty'\n", cli.err);
    }

    @Test
    void oneTokenSourceIsRequiredAndOptionsOfVerifyNeedVerify() {
        CliRun cli = new CliRun(home).stdin(PublishedTokens.V2_ACCESS_TOKEN);

        assertEquals(2, cli.run("inspect"));
        assertEquals("Error: give a token: -t TOKEN, '-' to read it from standard input, or --profile NAME\n", cli.err);
        assertEquals(2, cli.run("inspect", "-", "-t", PublishedTokens.V2_ACCESS_TOKEN));
        assertFalse(cli.err.contains(PublishedTokens.V2_ACCESS_TOKEN.substring(0, 20)), cli.err);
        assertEquals(2, cli.run("inspect", "-", "--profile", "default"));
        assertEquals(2, cli.run("inspect", "-", "--audience", "api://x"));
        assertEquals("Error: --audience and --authority-host go with --verify\n", cli.err);
        assertEquals(2, cli.run("inspect", PublishedTokens.V2_ACCESS_TOKEN));
        assertEquals("Error: unexpected argument (not shown): give the token with -t TOKEN, or '-' to read it from standard input\n", cli.err);
        assertEquals(2, cli.run("inspect", "-", "--verify", "--authority-host", "http://login.example.com"));
    }

    // ---- --verify against the emulator ------------------------------------------------------------------

    @Test
    void verifyChecksAnEmulatorTokenAgainstTheEmulatorsKeysThroughTheCaBundle() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Path ca = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
            String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
            CliRun cli = new CliRun(home).stdin(token);
            cli.clock = Clock.systemUTC();

            int code = cli.run("inspect", "-", "--verify", "--authority-host", entra.baseUrl(), "--ca-bundle", ca.toString(),
                    "--audience", entra.seed().confidentialApp().clientId());

            assertEquals(0, code, cli.err);
            assertTrue(cli.out.startsWith("JWT, RS256, 256-byte signature: verified: signature, issuer, audience and lifetime\n"), cli.out);
            assertTrue(hasLine(cli.out, "signature +passed +RS256 with key '.*' from " + Pattern.quote(entra.baseUrl()) + "/.*/discovery/v2.0/keys"), cli.out);
            assertTrue(hasLine(cli.out, "audience +passed +" + entra.seed().confidentialApp().clientId()), cli.out);
            assertTrue(hasLine(cli.out, "lifetime +passed +valid until .*"), cli.out);
            assertEquals("", cli.err);
        }
    }

    @Test
    void verifyRejectsATamperedTokenAWrongAudienceAndReportsAnExpiredOneWithTheirExitCodes() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Path ca = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
            String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
            String[] verify = {"inspect", "-", "--verify", "--authority-host", entra.baseUrl(), "--ca-bundle", ca.toString()};

            CliRun tampered = new CliRun(home).stdin(EmulatorTokens.tamper(token, "Data.Read", "Data.Write"));
            tampered.clock = Clock.systemUTC();
            assertEquals(17, tampered.run(verify));
            assertTrue(tampered.err.startsWith("Error: REJECTED: signature: the signature does not match key '"), tampered.err);
            assertTrue(hasLine(tampered.out, "signature +failed +.*"), tampered.out);

            CliRun expired = new CliRun(home).stdin(token);
            expired.clock = Clock.offset(Clock.systemUTC(), Duration.ofHours(3));
            assertEquals(16, expired.run(verify));
            assertTrue(expired.err.startsWith("Error: signature and issuer verified, but the token expired 2h 0m ago"), expired.err);

            CliRun otherApi = new CliRun(home).stdin(token);
            otherApi.clock = Clock.systemUTC();
            List<String> args = new ArrayList<>(List.of(verify));
            args.addAll(List.of("--audience", "api://someone-else", "--audience", "https://graph.microsoft.com"));
            assertEquals(17, otherApi.run(args.toArray(String[]::new)));
            assertEquals("Error: REJECTED: audience: the token is for " + entra.seed().confidentialApp().clientId()
                    + ", not api://someone-else or https://graph.microsoft.com\n", otherApi.err);
        }
    }

    @Test
    void verifyOfAGraphTokenSaysExactlyThatOnlyGraphCanVerifyItAndDoesNotFail() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            String token = EmulatorTokens.clientCredentials(entra, "https://graph.microsoft.com/.default");
            CliRun cli = new CliRun(home).stdin(token);
            cli.clock = Clock.systemUTC();
            entra.clearRequests();

            assertEquals(0, cli.run("inspect", "-", "--verify", "--authority-host", entra.baseUrl()), cli.err);

            assertTrue(cli.out.startsWith("JWT, RS256, 256-byte signature: decoded, not validated: Microsoft Graph access tokens carry"
                    + " a nonce in their header; only Microsoft Graph can verify their signature\n"), cli.out);
            assertTrue(hasLine(cli.out, "nonce +\\S+ +Microsoft Graph's nonce: only Graph can verify this token's signature"), cli.out);
            assertEquals(List.of(), entra.requests(), "no keys are fetched for a token no one but Graph can check");
        }
    }

    @Test
    void verifyOfAProfilesCachedTokenTrustsTheProfilesAuthorityHost() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Path ca = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
            String token = EmulatorTokens.clientCredentials(entra, EmulatorTokens.ownApiScope(entra));
            CliRun cli = new CliRun(home).stdin("secret-value");
            cli.clock = Clock.systemUTC();
            cli.flows = List.of(new FixedTokenFlow(token));
            assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "emu", "--tenant-id", entra.seed().tenant().id(),
                    "--client-id", entra.seed().confidentialApp().clientId(), "--secret-stdin", "--authority-host", entra.baseUrl(),
                    "--scope", EmulatorTokens.ownApiScope(entra)), cli.err);
            assertEquals(0, cli.run("get-token", "-p", "emu", "--silent"), cli.err);

            cli.env("ENTRA_AUTH_CLI_CA_BUNDLE", ca.toString());
            assertEquals(0, cli.run("inspect", "--profile", "emu", "--verify"), cli.err);

            assertTrue(cli.out.startsWith("JWT, RS256, 256-byte signature: verified: signature, issuer and lifetime;"
                    + " audience not checked (give --audience)\n"), cli.out);
            assertFalse(cli.out.contains(token.split("\\.")[2].substring(0, 30)), "the cached token's signature is not printed");
        }
    }

    @Test
    void verifyOfAMicrosoftIssuerThatCannotBeReachedIsANetworkErrorInOneLine() {
        CliRun cli = new CliRun(home).stdin(PublishedTokens.V2_ACCESS_TOKEN);
        cli.env("HTTPS_PROXY", "http://127.0.0.1:9");

        int code = cli.run("inspect", "-", "--verify");

        assertEquals(13, code, cli.err);
        assertTrue(cli.err.startsWith("Error: cannot reach login.microsoftonline.com: "), cli.err);
        assertEquals(1, cli.err.lines().count(), cli.err);
    }

    private CliRun profileWithCachedToken(String token, String scope) {
        CliRun cli = new CliRun(home).stdin("secret-value");
        cli.flows = List.of(new FixedTokenFlow(token));
        assertEquals(0, cli.run("config", "create", "--no-prompt", "--name", "default", "--tenant-id", TENANT, "--client-id", CLIENT,
                "--secret-stdin", "--scope", scope), cli.err);
        assertEquals(0, cli.run("get-token", "--silent"), cli.err);
        return cli;
    }

    static boolean quotes(String message, String token) {
        for (String segment : token.split("\\.")) {
            String s = segment.strip();
            for (int i = 0; i + 6 <= s.length(); i += 3) {
                if (message.contains(s.substring(i, i + 6))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A ClientCredentials flow that answers with a given token, valid for an hour from the run's clock. */
    static final class FixedTokenFlow implements Flow {
        private final String token;

        FixedTokenFlow(String token) {
            this.token = token;
        }

        @Override
        public String name() {
            return "ClientCredentials";
        }

        @Override
        public Set<String> aliases() {
            return Set.of("client-credentials");
        }

        @Override
        public String description() {
            return "test flow with a fixed token";
        }

        @Override
        public boolean canServe(Profile profile) {
            return true;
        }

        @Override
        public TokenResult acquire(TokenRequest request, FlowContext context) {
            return new TokenResult(token, "Bearer", context.clock().instant().plusSeconds(3599), request.scopes(), "tenant", false);
        }
    }
}
