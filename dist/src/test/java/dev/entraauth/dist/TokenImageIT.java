package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.testkit.EmulatorTokens;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.MalformedTokens;
import dev.entraauth.testkit.PublishedTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}, {@code discover} and {@code config show --context} through the jlink image, as a user runs them. */
class TokenImageIT {
    static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path home;

    static boolean hasLine(String text, String regex) {
        return Pattern.compile("(?m)^" + regex + "$").matcher(text).find();
    }

    @Test
    void inspectAndDiscoverReadMicrosoftsPublishedTokenFromStandardInputWithLocalTimeFromTz() {
        Image image = new Image(home).env("TZ", "Asia/Tokyo");

        Image.Result inspect = image.runWithInput(PublishedTokens.V1_ACCESS_TOKEN + "\n", "inspect", "-");
        Image.Result discover = image.runWithInput(PublishedTokens.V1_ACCESS_TOKEN, "discover", "-");

        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().startsWith("JWT, RS256, 14-byte signature: decoded, not validated"), inspect.out());
        assertTrue(hasLine(inspect.out(), "iat +2018-09-18 01:11:46 UTC \\(local 2018-09-18 10:11:46 JST\\) +issued at"), inspect.out());
        assertTrue(hasLine(inspect.out(), "scp +user_impersonation +delegated permissions \\(scopes\\) the user granted the app"), inspect.out());
        assertEquals("", inspect.err());
        assertEquals(16, discover.exitCode(), "the published token expired in 2018: " + discover.all());
        assertTrue(hasLine(discover.out(), "Token +Delegated: an application acting for a signed-in user \\(v1.0\\)"), discover.out());
        assertTrue(hasLine(discover.out(), "Status +EXPIRED \\d+d \\d+h ago"), discover.out());
    }

    @Test
    void discoverExits0ForAValidTokenAndGivesJsonToScripts() throws Exception {
        long exp = Instant.now().getEpochSecond() + 3600;
        String token = MalformedTokens.HEADER + "." + MalformedTokens.b64("{\"aud\":\"api://orders\",\"exp\":" + exp
                + ",\"azp\":\"11111111-2222-3333-4444-555555555555\",\"roles\":[\"Orders.Read.All\"],\"idtyp\":\"app\",\"ver\":\"2.0\"}")
                + "." + MalformedTokens.SIGNATURE;

        Image.Result text = new Image(home).run("discover", "-t", token);
        Image.Result json = new Image(home).runWithInput(token, "discover", "-", "--output", "json");

        assertEquals(0, text.exitCode(), text.all());
        assertTrue(hasLine(text.out(), "Status +valid, expires in 59m \\d+s"), text.out());
        assertEquals(0, json.exitCode(), json.all());
        JsonNode facts = new ObjectMapper().readTree(json.out());
        assertEquals("AppOnly", facts.get("kind").asText());
        assertEquals("Orders.Read.All", facts.get("roles").get(0).asText());
        assertEquals(exp, facts.get("expires_on").asLong());
    }

    @Test
    void badTokensAreOneLineExit2WithoutAStackTraceOrTheTokenFromTheImageToo() {
        List<MalformedTokens.Entry> corpus = MalformedTokens.corpus();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i += 20) {
            tokens.add(corpus.get(i).token());
        }
        tokens.addAll(List.of(PublishedTokens.RFC7516_A1_JWE, PublishedTokens.RFC7515_A5_NONE, PublishedTokens.RFC7515_A4_ES512,
                "A".repeat(64 * 1024 + 1)));
        List<String> problems = new ArrayList<>();

        for (String token : tokens) {
            for (String command : List.of("inspect", "discover")) {
                Image.Result result = new Image(home).runWithInput(token, command, "-");
                boolean echoed = token.length() >= 12 && result.err().contains(token.substring(0, 12));
                if (result.exitCode() != 2 || !result.out().isEmpty() || result.err().lines().count() != 1
                        || !result.err().startsWith("Error: ") || result.err().contains("\tat ") || echoed) {
                    problems.add(command + " " + token.length() + " chars: exit " + result.exitCode() + ": " + result.err());
                }
            }
        }
        assertEquals(List.of(), problems);
        Image.Result jwe = new Image(home).runWithInput(PublishedTokens.RFC7516_A1_JWE, "inspect", "-");
        assertTrue(jwe.err().startsWith("Error: encrypted token; cannot be decoded"), jwe.err());
    }

    @Test
    void aTokenFromGetTokenIsVerifiedAgainstTheEmulatorsKeysAndTheProfileContextShowsItsRoles() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            Path ca = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
            Image image = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", PASSPHRASE).env("ENTRA_AUTH_CLI_CA_BUNDLE", ca.toString());
            EntraEmulator.Seed seed = entra.seed();
            String appId = seed.confidentialApp().clientId();
            Image.Result create = image.runWithInput(seed.clientSecret().value() + "\n", "config", "create", "--no-prompt", "--name", "emu",
                    "--tenant-id", seed.tenant().id(), "--client-id", appId, "--secret-stdin", "--authority-host", entra.baseUrl(),
                    "--scope", EmulatorTokens.ownApiScope(entra), "--environment", "dev");
            assertEquals(0, create.exitCode(), create.err());
            Image.Result got = image.run("get-token", "-p", "emu", "--silent");
            assertEquals(0, got.exitCode(), got.err());
            String token = got.out().strip();

            Image.Result verified = image.run("inspect", "-p", "emu", "--verify", "--audience", appId);
            Image.Result tampered = image.runWithInput(EmulatorTokens.tamper(token, "Data.Read", "Data.Root"), "inspect", "-", "--verify",
                    "--authority-host", entra.baseUrl());
            Image.Result context = image.run("config", "show", "-p", "emu", "--context");

            assertEquals(0, verified.exitCode(), verified.all());
            assertTrue(verified.out().startsWith("JWT, RS256, 256-byte signature: verified: signature, issuer, audience and lifetime\n"),
                    verified.out());
            assertFalse(verified.out().contains(token.split("\\.")[2].substring(0, 24)), "the token is not printed");
            assertEquals(17, tampered.exitCode(), tampered.all());
            assertTrue(tampered.err().startsWith("Error: REJECTED: signature: the signature does not match key '"), tampered.err());
            assertEquals(0, context.exitCode(), context.all());
            assertTrue(hasLine(context.out(), "Scopes +: \\{Data.Read\\}"), context.out());
            assertTrue(hasLine(context.out(), "AuthType +: AppOnly"), context.out());
            assertTrue(hasLine(context.out(), "Environment +: Custom"), "the cloud, as Get-EntraContext names it: " + context.out());
            assertTrue(hasLine(context.out(), "EnvironmentLabel +: dev"), context.out());
            try (Stream<Path> keys = Files.list(home.resolve("cache/openid-keys"))) {
                for (Path file : keys.toList()) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                }
            }
        }
    }

    /**
     * The first token with a client secret creates no Bouncy Castle JCA provider: the image's JCA list holds only
     * java.base's providers, so the TLS handshake's lookups never fall through to ServiceLoader, which created every
     * provider in the image on the way (Bouncy Castle's two cost ≈0.75 s; dist/src/main/image/finish-image.sh).
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aFirstTokenWithAClientSecretCreatesNoBouncyCastleProvider() throws Exception {
        List<String> providers = Files.readAllLines(Image.DIR.resolve("conf/security/java.security")).stream()
                .filter(l -> l.startsWith("security.provider.")).toList();
        assertEquals(List.of("security.provider.1=SUN", "security.provider.2=SunRsaSign", "security.provider.3=SunEC",
                "security.provider.4=SunJSSE", "security.provider.5=SunJCE"), providers);
        try (EntraEmulator entra = EntraEmulator.start()) {
            Path ca = Files.writeString(home.resolve("ca.pem"), entra.caCertificatePem());
            Image image = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", PASSPHRASE).env("ENTRA_AUTH_CLI_CA_BUNDLE", ca.toString());
            EntraEmulator.Seed seed = entra.seed();
            Image.Result create = image.runWithInput(seed.clientSecret().value() + "\n", "config", "create", "--no-prompt",
                    "--name", "emu", "--tenant-id", seed.tenant().id(), "--client-id", seed.confidentialApp().clientId(),
                    "--secret-stdin", "--authority-host", entra.baseUrl(), "--scope", EmulatorTokens.ownApiScope(entra));
            assertEquals(0, create.exitCode(), create.err());

            Image.Result first = image.env("JDK_JAVA_OPTIONS", "-Xlog:class+load=info").run("get-token", "-p", "emu", "--silent");

            assertEquals(0, first.exitCode(), first.err());
            assertTrue(first.out().contains("sun.security.ssl.SSLContextImpl "), "the class-load log is there and TLS ran");
            assertFalse(first.out().contains("org.bouncycastle.jce.provider.BouncyCastleProvider "), "Bouncy Castle's provider was created");
            assertFalse(first.out().contains("org.bouncycastle.pqc.jcajce.provider.BouncyCastlePQCProvider "), "its PQC provider was created");
        }
    }
}
