package dev.entraauth.flows.devicecode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.CertificateSource;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.Fault;
import dev.entraauth.testkit.RecordedRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DeviceCode flow against the Entra ID emulator, over real HTTPS and with real waits: the gaps between polls are
 * measured on the emulator's request log. Intervals are kept at 1 s (the emulator's timing control) so the suite
 * stays fast; slow_down's 5 s and RFC 8628's 5 s default are waited for as they are.
 */
class DeviceCodeFlowTest {
    static final List<String> USER_READ = List.of("https://graph.microsoft.com/User.Read");
    /** Scheduling and TLS latency a measured gap may exceed its lower bound by; the policy never goes under it. */
    static final long SLACK_MS = 1_500;

    @TempDir
    Path dir;

    EntraEmulator entra;
    Context context;
    final DeviceCodeFlow flow = new DeviceCodeFlow();

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        entra.deviceCodeTiming(Duration.ofMinutes(15), 1);
        Path ca = Files.writeString(dir.resolve("ca.pem"), entra.caCertificatePem());
        context = new Context(Map.of("ENTRA_AUTH_CLI_CA_BUNDLE", ca.toString()), dir);
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    private Profile profile(String clientId) {
        return Profile.builder("phone").tenantId(entra.seed().tenant().id()).clientId(clientId)
                .authMethod(AuthMethod.PublicClient).cloud(Cloud.Custom).authorityHost(URI.create(entra.baseUrl()))
                .scopes(USER_READ).build();
    }

    private TokenResult acquire(Duration timeout) throws AuthException {
        return acquire(profile(entra.seed().publicApp().clientId()), false, timeout);
    }

    private TokenResult acquire(Profile profile, boolean force, Duration timeout) throws AuthException {
        return flow.acquire(new TokenRequest(profile, USER_READ, force, timeout, false), context);
    }

    /** The user approves as soon as the code is shown (scripted poll answers still come first). */
    private void userApprovesWhenTheCodeIsShown() {
        context.onCodeShown = entra::approveDeviceCodes;
    }

    private String tokenPath() {
        return "/" + entra.seed().tenant().id() + "/oauth2/v2.0/token";
    }

    private Instant deviceCodeRequested() {
        List<RecordedRequest> requests = entra.requests().stream().filter(r -> r.path().endsWith("/devicecode")).toList();
        assertEquals(1, requests.size(), "one device code: " + requests);
        return requests.getFirst().at();
    }

    private List<Instant> polls() {
        return entra.requests().stream()
                .filter(r -> r.path().equals(tokenPath()) && r.grantType() != null && r.grantType().contains("device_code"))
                .map(RecordedRequest::at).toList();
    }

    /** Milliseconds from the device code request to the first poll, then between polls. */
    private List<Long> gaps() {
        List<Long> gaps = new ArrayList<>();
        Instant previous = deviceCodeRequested();
        for (Instant poll : polls()) {
            gaps.add(Duration.between(previous, poll).toMillis());
            previous = poll;
        }
        return gaps;
    }

    /**
     * Every gap is at least the expected interval; the gaps between polls are also not much more (the first one
     * also holds the devicecode request's own time, which a cold JVM makes long).
     */
    private static void assertGaps(List<Long> expectedSeconds, List<Long> gaps) {
        assertEquals(expectedSeconds.size(), gaps.size(), "polls: " + gaps + " ms");
        for (int i = 0; i < gaps.size(); i++) {
            long least = expectedSeconds.get(i) * 1000;
            assertTrue(gaps.get(i) >= least, "gap " + (i + 1) + " should be at least " + least + " ms: " + gaps + " ms");
            assertTrue(i == 0 || gaps.get(i) < least + SLACK_MS, "gap " + (i + 1) + " should be about " + least + " ms: " + gaps + " ms");
        }
    }

    // ---- DF1: the pace of polling ------------------------------------------------------------------------

    @Test
    void pollsKeepTheIntervalSlowDownAddsFiveSecondsAndAConnectionResetDoublesTheInterval() throws Exception {
        entra.answerDevicePolls("authorization_pending", "slow_down", "authorization_pending");
        entra.addFault(Fault.drop(1).onPath(tokenPath()).skipping(3));
        userApprovesWhenTheCodeIsShown();

        TokenResult result = acquire(Duration.ofMinutes(2));

        assertTrue(result.accessToken().startsWith("ey"));
        assertFalse(result.fromCache());
        List<Long> gaps = gaps();
        System.out.println("DF1 measured gaps (ms), interval 1 s: pending, slow_down, pending, reset, approved = " + gaps);
        assertGaps(List.of(1L, 1L, 6L, 6L, 12L), gaps);
    }

    @Test
    void aServerErrorWhilePollingIsNotRetriedAtOnceButDoublesTheInterval() throws Exception {
        entra.answerDevicePolls("authorization_pending");
        entra.addFault(Fault.status(503, 0, 1).onPath(tokenPath()).skipping(1));
        userApprovesWhenTheCodeIsShown();

        acquire(Duration.ofMinutes(1));

        List<Long> gaps = gaps();
        System.out.println("503 measured gaps (ms), interval 1 s: pending, 503, approved = " + gaps);
        assertGaps(List.of(1L, 1L, 2L), gaps);
    }

    @Test
    void withoutAnIntervalInTheAnswerPollsWaitFiveSeconds() throws Exception {
        entra.deviceCodeTiming(Duration.ofMinutes(15), 0);
        entra.answerDevicePolls("authorization_pending");
        userApprovesWhenTheCodeIsShown();

        acquire(Duration.ofMinutes(1));

        List<Long> gaps = gaps();
        System.out.println("no interval: measured gaps (ms), pending, approved = " + gaps);
        assertGaps(List.of(5L, 5L), gaps);
    }

    @Test
    void noPollIsSentAfterTheCodeExpiresAndTheErrorSaysItExpired() throws Exception {
        entra.deviceCodeTiming(Duration.ofSeconds(4), 1);

        AuthException e = assertThrows(AuthException.class, () -> acquire(Duration.ofMinutes(1)));
        Instant ended = Instant.now();
        Thread.sleep(2_000); // would a poll still come?

        assertEquals(ExitCode.TIMEOUT, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("the device code expired"), e.getMessage());
        Instant expiry = deviceCodeRequested().plusSeconds(4);
        List<Instant> polls = polls();
        assertTrue(polls.size() >= 1, "it polled while the code was valid: " + polls);
        assertTrue(polls.stream().allMatch(p -> p.isBefore(expiry)), "a poll after the expiry at " + expiry + ": " + polls);
        assertTrue(ended.isBefore(expiry.plusMillis(SLACK_MS)), "it stopped at the expiry " + expiry + ", not at " + ended);
    }

    @Test
    void theTimeoutEndsPollingBeforeTheCodeExpires() throws Exception {
        // A cold JVM can spend seconds of the 5 s on class loading and the first TLS handshake: warm up first with a
        // device-code request the emulator refuses at once (an app that does not allow public client flows).
        assertThrows(AuthException.class, () -> acquire(profile(entra.seed().confidentialApp().clientId()), false, Duration.ofSeconds(30)));
        entra.clearRequests();
        long started = System.nanoTime();

        AuthException e = assertThrows(AuthException.class, () -> acquire(Duration.ofSeconds(5)));
        long took = (System.nanoTime() - started) / 1_000_000;
        int polls = polls().size();
        Thread.sleep(2_000);

        assertEquals(ExitCode.TIMEOUT, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("no sign-in within the --timeout of 5 s"), e.getMessage());
        assertTrue(took >= 4_900 && took < 5_000 + SLACK_MS, "gave up after " + took + " ms");
        assertTrue(polls >= 1, "it polled before the deadline");
        assertEquals(polls, polls().size(), "no poll after the deadline");
    }

    // ---- DF2: how polling ends ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> exit {1}")
    @CsvSource({
            "authorization_declined, 11, the sign-in was declined",
            "access_denied, 11, the sign-in was declined",
            "expired_token, 14, the device code expired",
            "bad_verification_code, 4, does not know the device code",
            "no_such_error, 1, 'no_such_error'"
    })
    void eachStoppingAnswerEndsPollingWithItsOwnExitCodeAndMessageAndNoFurtherPoll(String error, int exit, String text)
            throws Exception {
        entra.answerDevicePolls("authorization_pending", error);

        AuthException e = assertThrows(AuthException.class, () -> acquire(Duration.ofMinutes(1)));
        int polls = polls().size();
        Thread.sleep(2_500); // more than two intervals: would msal poll again?

        assertEquals(exit, e.exitCode().code(), e.getMessage());
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertEquals(2, polls, "one pending, then the poll answered " + error);
        assertEquals(2, polls().size(), "no poll after " + error);
        assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/devicecode")).count(), "no automatic restart");
    }

    @Test
    void theUserDecliningOnTheSignInPageEndsPollingWithExit11() {
        context.onCodeShown = entra::declineDeviceCodes;

        AuthException e = assertThrows(AuthException.class, () -> acquire(Duration.ofMinutes(1)));

        assertEquals(ExitCode.AUTHORIZATION, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("authorization_declined"), e.getMessage());
        assertEquals(1, polls().size());
    }

    // ---- DF3 and SP3: what the person sees, and what never shows -----------------------------------------

    @Test
    void stderrShowsTheUrlAndTheCodeAsTheUserGuideDoesWithOnePhishingWarning() throws Exception {
        userApprovesWhenTheCodeIsShown();

        acquire(Duration.ofMinutes(1));

        List<String> notices = context.lines.stream().filter(l -> l.startsWith("notice: ")).map(l -> l.substring(8)).toList();
        String url = entra.baseUrl() + "/devicelogin";
        String code = notices.get(3).substring("Code: ".length());
        assertTrue(code.matches("[A-Z0-9]{9}"), code);
        assertEquals(List.of("Device Code Authentication", "To sign in, use a web browser to open " + url,
                "and enter the code: " + code, "Code: " + code, "URL: " + url), notices,
                "shown as notices, so --silent cannot hide them");
        List<String> warnings = context.lines.stream().filter(l -> l.startsWith("warn: ")).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.getFirst().contains("only if you started this sign-in yourself just now"), warnings.getFirst());
    }

    @Test
    void theDeviceCodeNeverAppearsOnStderrEvenWithDebugNorInTheResult() throws Exception {
        context.debug = true;
        entra.answerDevicePolls("slow_down");
        userApprovesWhenTheCodeIsShown();

        TokenResult result = acquire(Duration.ofMinutes(1));

        String stderr = String.join("\n", context.lines);
        assertTrue(stderr.contains("debug: POST " + entra.baseUrl()), "--debug logged the requests: " + stderr);
        assertTrue(stderr.contains("slow_down; polling every 6 s"), "--debug logged the policy: " + stderr);
        List<String> codes = entra.issuedDeviceCodes();
        assertEquals(1, codes.size());
        for (String canary : List.of(codes.getFirst(), codes.getFirst().substring(11, 40), "device_code", "DAQABAAEAAA")) {
            assertFalse(stderr.contains(canary), "the device code leaked to stderr: " + stderr);
            assertFalse(List.of(result.accessToken(), result.tokenType(), String.valueOf(result.scopes()), result.tenantId(),
                    result.toString()).toString().contains(canary), "what stdout and JSON are made of holds the device code");
        }
        assertFalse(stderr.contains(result.accessToken()), "the token is not on stderr");
    }

    // ---- around the sign-in ---------------------------------------------------------------------------

    /**
     * Graph's scopes by their short name: Entra answers {@code scope} with short names for Graph, and msal4j finds a
     * cached access token only when its scopes contain the asked ones as written (a qualified
     * {@code https://graph.microsoft.com/User.Read} is refreshed with the refresh token instead; the CLI's own token
     * cache answers repeated calls either way).
     */
    @Test
    void aSecondCallGetsTheCachedTokenAndForceUsesTheRefreshTokenNeverANewCode() throws Exception {
        userApprovesWhenTheCodeIsShown();
        Profile profile = profile(entra.seed().publicApp().clientId()).toBuilder().scopes(List.of("User.Read")).build();
        TokenResult first = flow.acquire(new TokenRequest(profile, List.of("User.Read"), false, Duration.ofMinutes(1), false), context);

        TokenResult cached = flow.acquire(new TokenRequest(profile, List.of("User.Read"), false, Duration.ofMinutes(1), false), context);
        TokenResult forced = flow.acquire(new TokenRequest(profile, List.of("User.Read"), true, Duration.ofMinutes(1), false), context);

        assertTrue(cached.fromCache());
        assertEquals(first.accessToken(), cached.accessToken());
        assertFalse(forced.fromCache());
        assertFalse(forced.accessToken().equals(first.accessToken()));
        assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/devicecode")).count(), "one sign-in");
        assertEquals(1, entra.requests().stream().filter(r -> "refresh_token".equals(r.grantType())).count());
        assertTrue(context.secrets.containsKey("phone/token-cache"), "the cache lives in the secret store");
    }

    @Test
    void aQualifiedGraphScopeIsAnsweredFromTheRefreshTokenWithoutANewCode() throws Exception {
        userApprovesWhenTheCodeIsShown();
        acquire(Duration.ofMinutes(1));

        TokenResult second = acquire(Duration.ofMinutes(1));

        assertFalse(second.fromCache());
        assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/devicecode")).count(), "one sign-in");
        assertEquals(1, entra.requests().stream().filter(r -> "refresh_token".equals(r.grantType())).count());
    }

    /** TC3: a second get-token of the same profile waits for the first one's sign-in and then uses its tokens. */
    @Test
    void twoConcurrentAcquisitionsOfOneProfileAskForOneDeviceCode() throws Exception {
        context.onCodeShown = () -> Thread.ofVirtual().start(() -> {
            sleep(1_500); // the second acquisition is waiting for the lock meanwhile
            entra.approveDeviceCodes();
        });

        TokenResult ta;
        TokenResult tb;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {   // not the common pool: 1 worker on 2 CPUs
            Future<TokenResult> a = threads.submit(() -> acquire(Duration.ofMinutes(1)));
            Future<TokenResult> b = threads.submit(() -> acquire(Duration.ofMinutes(1)));
            ta = a.get(60, TimeUnit.SECONDS);
            tb = b.get(60, TimeUnit.SECONDS);
        }

        assertTrue(ta.accessToken().startsWith("ey") && tb.accessToken().startsWith("ey"));
        assertEquals(1, entra.requests().stream().filter(r -> r.path().endsWith("/devicecode")).count(), "one device code");
        assertEquals(1, context.lines.stream().filter(l -> l.startsWith("notice: Code: ")).count(), "one code shown");
        assertTrue(context.lines.stream().anyMatch(l -> l.contains("Another sign-in for profile 'phone' is in progress")),
                context.lines.toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anAppThatDoesNotAllowPublicClientFlowsSaysWhichSettingToTurnOn() {
        AuthException e = assertThrows(AuthException.class,
                () -> acquire(profile(entra.seed().confidentialApp().clientId()), false, Duration.ofSeconds(30)));

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("AADSTS7000218: "), e.getMessage());
        assertTrue(e.getMessage().contains("Allow public client flows"), e.getMessage());
        assertEquals(List.of(), polls());
    }

    @Test
    void onlyPublicClientProfilesAreServed() {
        Profile publicClient = profile(entra.seed().publicApp().clientId());

        assertTrue(flow.canServe(publicClient));
        assertTrue(flow.canServe(publicClient.toBuilder().tenantId("organizations").build()));
        for (AuthMethod method : List.of(AuthMethod.ClientSecret, AuthMethod.Certificate, AuthMethod.ManagedIdentity)) {
            Profile other = publicClient.toBuilder().authMethod(method)
                    .certificate(method == AuthMethod.Certificate ? CertificateSource.ofFile("/nowhere/app.pem") : null).build();
            assertFalse(flow.canServe(other), method.toString());
        }
        assertEquals("DeviceCode", flow.name());
        assertTrue(flow.aliases().contains("device-code"));
    }

    /** A flow context over an in-memory secret store; it records what would go to stderr, by channel. */
    static final class Context implements FlowContext {
        final Map<String, byte[]> secrets = new TreeMap<>();
        final List<String> lines = new CopyOnWriteArrayList<>();
        volatile boolean debug;
        volatile Runnable onCodeShown = () -> { };
        private final Map<String, String> environment;
        private final Path home;

        Context(Map<String, String> environment, Path home) {
            this.environment = environment;
            this.home = home;
        }

        @Override
        public SecretVault secrets() {
            return new SecretVault() {
                @Override
                public Optional<byte[]> read(SecretKey key) {
                    return Optional.ofNullable(secrets.get(key.qualifiedName())).map(byte[]::clone);
                }

                @Override
                public void write(SecretKey key, byte[] value) {
                    secrets.put(key.qualifiedName(), value.clone());
                }

                @Override
                public boolean delete(SecretKey key) {
                    return secrets.remove(key.qualifiedName()) != null;
                }

                @Override
                public Set<SecretKey> keys(String profile) {
                    return secrets.keySet().stream().map(SecretKey::parse).filter(k -> k.profile().equals(profile))
                            .collect(Collectors.toSet());
                }
            };
        }

        @Override
        public Interaction interaction() {
            return new Interaction() {
                @Override
                public boolean canPrompt() {
                    return false;
                }

                @Override
                public Optional<String> readLine(String prompt) {
                    return Optional.empty();
                }

                @Override
                public Optional<char[]> readSecret(String prompt) {
                    return Optional.empty();
                }

                @Override
                public void info(String message) {
                    lines.add("info: " + message);
                }

                @Override
                public void notice(String message) {
                    lines.add("notice: " + message);
                    if (message.startsWith("URL: ")) {
                        onCodeShown.run();
                    }
                }

                @Override
                public void warn(String message) {
                    lines.add("warn: " + message);
                }

                @Override
                public void debug(String message) {
                    if (debug) {
                        lines.add("debug: " + message);
                    }
                }
            };
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public Map<String, String> environment() {
            return environment;
        }

        @Override
        public Path home() {
            return home;
        }
    }
}
