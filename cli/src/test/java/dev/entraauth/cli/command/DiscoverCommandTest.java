package dev.entraauth.cli.command;

import static dev.entraauth.cli.command.InspectCommandTest.hasLine;
import static dev.entraauth.cli.command.InspectCommandTest.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.testkit.MalformedTokens;
import dev.entraauth.testkit.PublishedTokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code discover -t TOKEN}: the quick facts, and exit codes scripts use to check expiry (0 valid, 16 expired). */
class DiscoverCommandTest {
    /** {@link CliRun#NOW} in epoch seconds. */
    static final long NOW = CliRun.NOW.getEpochSecond();

    @TempDir
    Path home;

    static String delegated(long nbf, long exp) {
        return token("{\"aud\":\"00000003-0000-0000-c000-000000000000\",\"iss\":\"https://sts.windows.net/" + InspectCommandTest.TENANT + "/\","
                + "\"iat\":" + nbf + ",\"nbf\":" + nbf + ",\"exp\":" + exp + ",\"app_displayname\":\"Contoso Portal\","
                + "\"appid\":\"" + InspectCommandTest.CLIENT + "\",\"name\":\"Ada Lovelace\",\"oid\":\"0b6bd4b4-5f3e-4d3c-9d8d-7c0c8d0f1e2a\","
                + "\"scp\":\"User.Read Mail.Send\",\"tid\":\"" + InspectCommandTest.TENANT + "\",\"upn\":\"ada@contoso.com\",\"ver\":\"1.0\"}");
    }

    @Test
    void aValidDelegatedTokenExits0WithWhoWhichAppTenantAudienceScopesVersionAndTimeLeft() {
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("discover", "-t", delegated(NOW - 600, NOW + 3000)), cli.err);

        String out = cli.out;
        assertTrue(hasLine(out, "Token +Delegated: an application acting for a signed-in user \\(v1.0\\)"), out);
        assertTrue(hasLine(out, "Who +ada@contoso.com \\(Ada Lovelace\\), object id 0b6bd4b4-5f3e-4d3c-9d8d-7c0c8d0f1e2a"), out);
        assertTrue(hasLine(out, "App +" + InspectCommandTest.CLIENT + " \\(Contoso Portal\\)"), out);
        assertTrue(hasLine(out, "Tenant +" + InspectCommandTest.TENANT), out);
        assertTrue(hasLine(out, "Audience +00000003-0000-0000-c000-000000000000 \\(Microsoft Graph\\)"), out);
        assertTrue(hasLine(out, "Scopes +User.Read Mail.Send"), out);
        assertFalse(out.contains("Roles"), "a delegated token without roles shows scopes only");
        assertTrue(hasLine(out, "Version +1.0"), out);
        assertTrue(hasLine(out, "Expires +2026-11-22 10:50:00 UTC \\(local .*\\)"), out);
        assertTrue(hasLine(out, "Status +valid, expires in 50m 0s"), out);
        assertTrue(out.endsWith("(decoded, not validated; 'inspect --verify' checks the signature)\n"), out);
        assertEquals("", cli.err);
    }

    @Test
    void anExpiredTokenExits16AndStillShowsItsFacts() {
        CliRun cli = new CliRun(home);

        assertEquals(16, cli.run("discover", "-t", delegated(NOW - 7200, NOW - 3600)));

        assertTrue(hasLine(cli.out, "Status +EXPIRED 1h 0m ago"), cli.out);
        assertEquals("", cli.err, "an expired token is an answer, not an error");
    }

    @Test
    void theExactMomentOfExpiryIsExpiredAndATokenNotYetValidExits16Too() {
        CliRun cli = new CliRun(home);

        assertEquals(16, cli.run("discover", "-t", delegated(NOW - 3600, NOW)));
        assertEquals(0, cli.run("discover", "-t", delegated(NOW - 3600, NOW + 1)));
        assertEquals(16, cli.run("discover", "-t", delegated(NOW + 60, NOW + 3660)));
        assertTrue(hasLine(cli.out, "Status +NOT YET VALID, not valid for another 1m 0s"), cli.out);
    }

    @Test
    void microsoftsPublishedTokensAreLongExpired() {
        for (String published : List.of(PublishedTokens.V1_ACCESS_TOKEN, PublishedTokens.V2_ACCESS_TOKEN, PublishedTokens.V1_ID_TOKEN,
                PublishedTokens.V2_ID_TOKEN)) {
            CliRun cli = new CliRun(home).stdin(published);

            assertEquals(16, cli.run("discover", "-"), cli.err);
            assertTrue(hasLine(cli.out, "Status +EXPIRED \\d+d \\d+h ago"), cli.out);
        }
        CliRun id = new CliRun(home).stdin(PublishedTokens.V2_ID_TOKEN);
        id.run("discover", "-");
        assertTrue(hasLine(id.out, "Token +IdToken: proof of a user's sign-in for the application, not for calling APIs \\(v2.0\\)"), id.out);
        assertTrue(hasLine(id.out, "Who +AbeLi@microsoft.com \\(Abe Lincoln\\), object id 00000000-0000-0000-66f3-3332eca7ea81"), id.out);
    }

    @Test
    void anAppOnlyTokenShowsTheServicePrincipalAndItsRoles() {
        CliRun cli = new CliRun(home);
        String appOnly = token("{\"aud\":\"api://orders\",\"iss\":\"https://login.microsoftonline.com/" + InspectCommandTest.TENANT + "/v2.0\","
                + "\"exp\":" + (NOW + 3599) + ",\"azp\":\"" + InspectCommandTest.CLIENT + "\",\"azpacr\":\"2\",\"idtyp\":\"app\","
                + "\"oid\":\"7d3c2b1a-0000-4000-8000-000000000001\",\"roles\":[\"Orders.Read.All\",\"Orders.Write\"],\"ver\":\"2.0\"}");

        assertEquals(0, cli.run("discover", "-t", appOnly), cli.err);

        assertTrue(hasLine(cli.out, "Token +AppOnly: an application acting as itself, no user \\(v2.0\\)"), cli.out);
        assertTrue(hasLine(cli.out, "Who +service principal 7d3c2b1a-0000-4000-8000-000000000001"), cli.out);
        assertTrue(hasLine(cli.out, "Roles +Orders.Read.All Orders.Write"), cli.out);
        assertFalse(cli.out.contains("Scopes"), cli.out);
        assertTrue(hasLine(cli.out, "Status +valid, expires in 59m 59s"), cli.out);
    }

    @Test
    void jsonCarriesTheFactsForScriptsWithTheSameExitCode() throws Exception {
        CliRun cli = new CliRun(home).stdin(delegated(NOW - 7200, NOW - 10));

        assertEquals(16, cli.run("discover", "-", "--output", "json"));

        JsonNode json = new ObjectMapper().readTree(cli.out);
        assertEquals("Delegated", json.get("kind").asText());
        assertEquals("ada@contoso.com", json.get("user").asText());
        assertEquals(InspectCommandTest.CLIENT, json.get("app_id").asText());
        assertEquals("Contoso Portal", json.get("app_name").asText());
        assertEquals(InspectCommandTest.TENANT, json.get("tenant_id").asText());
        assertEquals("User.Read", json.get("scopes").get(0).asText());
        assertEquals(NOW - 10, json.get("expires_on").asLong());
        assertEquals(-10, json.get("expires_in_seconds").asLong());
        assertEquals("expired", json.get("status").asText());
        assertFalse(json.get("validated").asBoolean());
    }

    @Test
    void malformedTokensExit2WithOneLineAndNoTokenOrNoneAtAllIsAUsageError() {
        List<String> problems = new ArrayList<>();
        List<MalformedTokens.Entry> corpus = MalformedTokens.corpus();
        for (int i = 0; i < corpus.size(); i += 4) {
            MalformedTokens.Entry entry = corpus.get(i);
            CliRun cli = new CliRun(home).stdin(entry.token());
            int code = cli.run("discover", "-");
            if (code != 2 || !cli.out.isEmpty() || cli.err.lines().count() != 1 || InspectCommandTest.quotes(cli.err, entry.token())) {
                problems.add(entry.name() + ": exit " + code + " " + cli.err);
            }
        }
        assertEquals(List.of(), problems);

        CliRun cli = new CliRun(home);
        assertEquals(2, cli.run("discover"));
        assertEquals("Error: give a token: -t TOKEN, or '-' to read it from standard input\n", cli.err);
        assertEquals(2, cli.run("discover", "-"));
        assertEquals("Error: no token on standard input\n", cli.err);
    }

    @Test
    void helpDocumentsTheExitCodesAndStandardInput() {
        CliRun cli = new CliRun(home);

        assertEquals(0, cli.run("discover", "--help"));

        assertTrue(cli.out.contains("Exit code: 0 while the token is valid, 16 once it is expired or not yet valid."), cli.out);
        assertTrue(cli.out.contains("prefer '-' and standard input"), cli.out);
    }
}
