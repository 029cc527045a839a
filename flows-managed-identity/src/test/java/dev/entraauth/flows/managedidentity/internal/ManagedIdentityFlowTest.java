package dev.entraauth.flows.managedidentity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.testkit.ConnectProxy;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.Fault;
import dev.entraauth.testkit.RecordedRequest;
import dev.entraauth.testkit.flow.InMemoryFlowContext;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ManagedIdentity flow against the emulator's IMDS, App Service and Azure Arc endpoints, over real HTTP. */
class ManagedIdentityFlowTest {
    static final List<String> GRAPH = List.of("https://graph.microsoft.com/.default");
    static final String IMDS_PATH = "/metadata/identity/oauth2/token";

    @TempDir
    Path dir;

    EntraEmulator entra;
    InMemoryFlowContext context;
    Path arcTokens;
    ManagedIdentityFlow flow;
    RecordingSleeper sleeper;

    @BeforeEach
    void start() throws Exception {
        entra = EntraEmulator.start();
        context = new InMemoryFlowContext(Map.of(), dir);
        arcTokens = Files.createDirectories(dir.resolve("azcmagent/tokens"));
        sleeper = new RecordingSleeper();
        flow = new ManagedIdentityFlow(environment -> Optional.of(arcTokens), FIRST_ANSWER, sleeper);
    }

    /**
     * The first-answer bound of most tests: generous, as a loaded machine may take seconds for the emulator's first
     * token; the tests of the bound itself set a short one. The CLI's is ManagedIdentityFlow.FIRST_ANSWER_TIMEOUT.
     */
    static final Duration FIRST_ANSWER = Duration.ofSeconds(20);

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    static Profile.Builder profile() {
        return Profile.builder("mi").authMethod(AuthMethod.ManagedIdentity).scopes(GRAPH);
    }

    TokenResult acquire(Profile profile) throws AuthException {
        return flow.acquire(new TokenRequest(profile, GRAPH, true, Duration.ofMinutes(5), false), context);
    }

    InMemoryFlowContext imds() {
        return context.env("AZURE_POD_IDENTITY_AUTHORITY_HOST", entra.imdsEndpoint());
    }

    static Map<String, Object> claims(String token) throws Exception {
        return dev.entraauth.core.token.Jwt.decode(token).claims();
    }

    static String claim(String token, String name) throws Exception {
        return String.valueOf(claims(token).get(name));
    }

    List<RecordedRequest> requests(String path) {
        return entra.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void theModuleProvidesTheFlowUnderItsNameAndAliases() {
        var provides = ManagedIdentityFlow.class.getModule().getDescriptor().provides();
        assertEquals(1, provides.size(), provides.toString());
        assertEquals(Flow.class.getName(), provides.iterator().next().service());
        assertEquals(List.of(ManagedIdentityFlow.class.getName()), provides.iterator().next().providers());
        Flow found = new ManagedIdentityFlow();
        assertEquals("ManagedIdentity", found.name());
        assertEquals(java.util.Set.of("managed-identity", "msi"), found.aliases());
        assertTrue(found.canServe(profile().build()));
        assertFalse(found.canServe(Profile.builder("s").tenantId("contoso.onmicrosoft.com")
                .clientId("11111111-2222-3333-4444-555555555555").authMethod(AuthMethod.ClientSecret).build()));
    }

    @Test
    void theSystemAssignedIdentityGetsATokenFromImdsWithTheMetadataHeader() throws Exception {
        imds();
        TokenResult token = acquire(profile().build());

        Map<String, Object> claims = claims(token.accessToken());
        assertEquals(entra.seed().systemIdentity().servicePrincipalId(), claims.get("oid"));
        assertEquals("https://graph.microsoft.com", claims.get("aud"));
        assertTrue(String.valueOf(claims.get("roles")).contains("Application.Read.All"), claims.toString());
        List<RecordedRequest> sent = requests(IMDS_PATH);
        assertEquals(1, sent.size(), entra.requests().toString());
        assertEquals("https://graph.microsoft.com", sent.getFirst().scope());   // the resource, without /.default
        assertFalse(token.fromCache());
        assertEquals(entra.seed().tenant().id(), token.tenantId(), "a profile without a tenant takes the token's tid");
        // the emulator answers 400 bad_request_102 without "Metadata: true": the token proves the header was sent
    }

    @ParameterizedTest
    @ValueSource(strings = {"client", "object", "resource"})
    void aUserAssignedIdentityIsFoundByClientIdObjectIdOrResourceId(String by) throws Exception {
        imds();
        var identity = entra.seed().userIdentity();
        Profile.Builder builder = profile();
        switch (by) {
            case "client" -> builder.clientId(identity.clientId());
            case "object" -> builder.managedIdentityId(identity.servicePrincipalId());
            default -> builder.managedIdentityId("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg"
                    + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/user-assigned-managed-identity");
        }
        TokenResult token = acquire(builder.build());
        assertEquals(identity.servicePrincipalId(), claim(token.accessToken(), "oid"));
    }

    @Test
    void appServiceIsChosenFromIdentityEndpointAndHeaderForSystemAndUserAssigned() throws Exception {
        context.env("IDENTITY_ENDPOINT", entra.appServiceIdentityEndpoint()).env("IDENTITY_HEADER", entra.appServiceIdentityHeader());
        TokenResult system = acquire(profile().build());
        TokenResult user = acquire(profile().clientId(entra.seed().userIdentity().clientId()).build());

        assertEquals(entra.seed().systemIdentity().servicePrincipalId(), claim(system.accessToken(), "oid"));
        assertEquals(entra.seed().userIdentity().servicePrincipalId(), claim(user.accessToken(), "oid"));
        assertEquals(2, requests("/msi/token").size(), entra.requests().toString());
        assertEquals(0, requests(IMDS_PATH).size());
    }

    @Test
    void anIdentityNotAssignedHereIsOneLineWithExit10AndNoRetry() {
        imds();
        AuthException e = assertThrows(AuthException.class,
                () -> acquire(profile().clientId("99999999-8888-7777-6666-555555555555").build()));
        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertTrue(e.getMessage().contains("Identity not found"), e.getMessage());
        assertTrue(e.getMessage().contains("99999999-8888-7777-6666-555555555555"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(1, requests(IMDS_PATH).size());
    }

    @Test
    void anEndpointThatRefusesConnectionsFailsAtOnceWithOneLine() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        context.env("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://127.0.0.1:" + closed);
        long started = System.nanoTime();
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(ExitCode.NETWORK, e.exitCode());
        assertTrue(e.getMessage().startsWith("no managed identity endpoint is reachable: IMDS at http://127.0.0.1:" + closed
                + " refused the connection"), e.getMessage());
        // no retry, no wait: far below the 30 s request timeout even on a loaded machine
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
    }

    @Test
    void anEndpointThatNeverAnswersIsGivenUpAfterTheTwoSecondProbeNotAHang() {
        // TEST-NET-1 (RFC 5737): nothing answers there, as 169.254.169.254 does not off Azure
        context.env("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://192.0.2.1");
        long started = System.nanoTime();
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(ExitCode.NETWORK, e.exitCode());
        assertTrue(e.getMessage().startsWith("no managed identity endpoint is reachable: IMDS at http://192.0.2.1 "), e.getMessage());
        assertTrue(e.getMessage().contains("use a profile with another --auth-method"), e.getMessage());
        // the 2 s connect bound, not the 30 s request timeout (loose: a loaded machine is slow)
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
    }

    @Test
    void anEndpointThatAcceptsTheConnectionAndNeverAnswersIsGivenUpAfterTheFirstAnswerBound() throws Exception {
        List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());   // read nothing, answer nothing, close nothing
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            context.env("AZURE_POD_IDENTITY_AUTHORITY_HOST", endpoint);
            flow = new ManagedIdentityFlow(environment -> Optional.of(arcTokens), Duration.ofSeconds(1), sleeper);
            long started = System.nanoTime();
            AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(ExitCode.NETWORK, e.exitCode(), e.getMessage());
            assertEquals("no managed identity endpoint is reachable: IMDS at " + endpoint + " accepted the connection but sent"
                    + " no answer within 1.0 s. Something listens there that is not a managed identity endpoint; use a"
                    + " profile with another --auth-method here", e.getMessage());
            assertEquals(1, held.size(), "the request reached the socket once and was not retried");
            // without the bound it would wait for the request timeout (30 s); far below it even on a loaded machine
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
            silent.close();
            acceptor.join();
        } finally {
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void onlyTheFirstAnswerIsBoundedAnEndpointThatAnsweredMayBeSlowerAfterwards() throws Exception {
        imds();
        flow = new ManagedIdentityFlow(environment -> Optional.of(arcTokens), Duration.ofSeconds(3), sleeper);
        entra.addFault(Fault.status(503, 0, 1).onPath(IMDS_PATH));
        entra.addFault(new Fault(0, 0, 6_000, false, 1, IMDS_PATH));   // the retry's answer takes longer than the 3 s bound
        TokenResult token = acquire(profile().build());

        assertFalse(token.accessToken().isEmpty());
        assertEquals(seconds(1), sleeper.waits());
        assertEquals(2, requests(IMDS_PATH).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"App Service", "Cloud Shell"})
    void aDeclaredEndpointSlowToGiveItsFirstAnswerIsWaitedForNotTakenForAStranger(String source) throws Exception {
        // App Service and Cloud Shell forward the first request to Entra, which may take longer than the IMDS probe's
        // first-answer bound on a cold start: their endpoints are declared by the environment, so they get the
        // request timeout, not the bound meant for an IMDS address that may be something else
        String path = source.equals("App Service") ? "/msi/token" : "/oauth2/token";
        if (source.equals("App Service")) {
            context.env("IDENTITY_ENDPOINT", entra.appServiceIdentityEndpoint()).env("IDENTITY_HEADER", entra.appServiceIdentityHeader());
        } else {
            context.env("MSI_ENDPOINT", entra.cloudShellIdentityEndpoint());
        }
        flow = new ManagedIdentityFlow(environment -> Optional.of(arcTokens), Duration.ofSeconds(1), sleeper);
        entra.addFault(new Fault(0, 0, 2_500, false, 1, path));   // the first answer takes longer than the 1 s bound
        TokenResult token = acquire(profile().build());

        assertFalse(token.accessToken().isEmpty());
        assertEquals(1, requests(path).size());
        assertEquals(List.of(), sleeper.waits());
    }

    @Test
    void imdsSlowToGiveItsFirstAnswerIsTakenForSomethingElseAfterTheBound() {
        imds();
        flow = new ManagedIdentityFlow(environment -> Optional.of(arcTokens), Duration.ofSeconds(1), sleeper);
        entra.addFault(new Fault(0, 0, 2_500, false, 1, IMDS_PATH));
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));

        assertEquals(ExitCode.NETWORK, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("sent no answer within 1.0 s. Something listens there"), e.getMessage());
    }

    @Test
    void aServerErrorAnsweredSlowlyDoesNotHoldTheAcquisitionBeyondItsTimeout() {
        // three quick 503s (waits 1, 2, 4 s: 7 s of the 8 s --timeout), then a 503 that takes 20 s to come: the last
        // attempt gets what is left of the 8 s, not the request timeout
        imds();
        sleeper = RecordingSleeper.overRealTime();
        flow = new ManagedIdentityFlow(environment -> Optional.of(arcTokens), FIRST_ANSWER, sleeper);
        entra.addFault(Fault.status(503, 0, 3).onPath(IMDS_PATH));
        entra.addFault(new Fault(503, 0, 20_000, false, 1, IMDS_PATH));
        AuthException e = assertThrows(AuthException.class,
                () -> flow.acquire(new TokenRequest(profile().build(), GRAPH, true, Duration.ofSeconds(8), false), context));
        Duration took = Duration.ofNanos(sleeper.nanoTime());

        assertEquals(ExitCode.TIMEOUT, e.exitCode(), e.getMessage());
        // the 8 s deadline plus a margin for a loaded machine; without the bound 7 s of waits + an 8 s request
        assertTrue(took.compareTo(Duration.ofMillis(10_500)) < 0, "took " + took);
        assertEquals(seconds(1, 2, 4), sleeper.waits());
        assertTrue(e.getMessage().contains("--timeout of 8 s"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void managedIdentityRequestsNeverGoThroughAProxyEvenWithProxyVariablesSet() throws Exception {
        try (ConnectProxy proxy = ConnectProxy.start()) {
            context.env("HTTPS_PROXY", proxy.url()).env("HTTP_PROXY", proxy.url()).env("https_proxy", proxy.url())
                    .env("http_proxy", proxy.url());
            // a name only a proxy could resolve: sent directly, it cannot be resolved, and the proxy is never asked
            context.env("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://" + EntraEmulator.UNRESOLVABLE_HOST);
            AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
            assertEquals(ExitCode.NETWORK, e.exitCode());
            assertTrue(e.getMessage().contains("cannot be resolved"), e.getMessage());

            imds();
            acquire(profile().build());
            assertEquals(List.of(), proxy.requests());
            assertEquals(1, requests(IMDS_PATH).size());
        }
    }

    static List<Duration> seconds(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
    }

    @Test
    void imdsAnswering410ThreeTimesIsRetriedEvery10SecondsUntilTheToken() throws Exception {
        imds();
        entra.addFault(Fault.status(410, 0, 3).onPath(IMDS_PATH));
        acquire(profile().build());

        assertEquals(seconds(10, 10, 10), sleeper.waits());
        assertEquals(4, requests(IMDS_PATH).size());
    }

    @Test
    void imdsAnswering410IsRetriedForSeventySecondsOnItsOwnScheduleThenGivenUp() {
        imds();
        entra.addFault(Fault.status(410, 0, 20).onPath(IMDS_PATH));
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));

        // 410 is not limited to three retries: every 10 s until 70 s have passed since the first request
        assertEquals(seconds(10, 10, 10, 10, 10, 10, 10), sleeper.waits());
        assertEquals(8, requests(IMDS_PATH).size());
        assertEquals(ExitCode.SERVICE, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("(HTTP 410 after the retries)"), e.getMessage());
    }

    @Test
    void aRunOf410sDoesNotUseUpTheRetriesOfThe429sThatFollow() throws Exception {
        imds();
        entra.addFault(Fault.status(410, 0, 5).onPath(IMDS_PATH));
        entra.addFault(Fault.status(429, 0, 3).onPath(IMDS_PATH));
        acquire(profile().build());

        // the 429s get their own three retries, backing off from 1 s as if no 410 had come before
        assertEquals(seconds(10, 10, 10, 10, 10, 1, 2, 4), sleeper.waits());
        assertEquals(9, requests(IMDS_PATH).size());
    }

    @Test
    void throttlingWithoutRetryAfterBacksOffOneTwoFourSeconds() throws Exception {
        imds();
        entra.addFault(Fault.status(429, 0, 3).onPath(IMDS_PATH));
        acquire(profile().build());

        assertEquals(seconds(1, 2, 4), sleeper.waits());
        assertEquals(4, requests(IMDS_PATH).size());
    }

    @Test
    void throttlingHonoursRetryAfterAndServerErrorsAndNotFoundBackOffExponentially() throws Exception {
        imds();
        entra.addFault(Fault.status(429, 3, 1).onPath(IMDS_PATH));
        entra.addFault(Fault.status(503, 0, 1).onPath(IMDS_PATH));
        entra.addFault(Fault.status(404, 0, 1).onPath(IMDS_PATH));
        acquire(profile().build());

        // Retry-After: 3, then the second retry's 2 s and the third's 4 s
        assertEquals(seconds(3, 2, 4), sleeper.waits());
        assertEquals(4, requests(IMDS_PATH).size());
    }

    @Test
    void aServerErrorThatPersistsEndsAfterThreeRetriesWithExit15() {
        imds();
        entra.addFault(Fault.status(500, 0, 10).onPath(IMDS_PATH));
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
        assertEquals(ExitCode.SERVICE, e.exitCode(), e.getMessage());
        assertEquals(seconds(1, 2, 4), sleeper.waits());
        assertEquals(4, requests(IMDS_PATH).size());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void imdsAnswering404ThatPersistsIsRetriedThreeTimesThenExplained() {
        // a metadata server that is not Azure's answers 404 too: bounded to 7 s of waits, then one line saying so
        imds();
        entra.addFault(Fault.status(404, 0, 10).onPath(IMDS_PATH));
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
        assertEquals(seconds(1, 2, 4), sleeper.waits());
        assertEquals(ExitCode.SERVICE, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("if this is not an Azure VM, the metadata server here is not Azure's"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void appServiceAnswering404IsFinal() {
        context.env("IDENTITY_ENDPOINT", entra.appServiceIdentityEndpoint()).env("IDENTITY_HEADER", entra.appServiceIdentityHeader());
        entra.addFault(Fault.status(404, 0, 10).onPath("/msi/token"));
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
        assertEquals(List.of(), sleeper.waits());
        assertEquals(1, requests("/msi/token").size());
        assertEquals(ExitCode.ERROR, e.exitCode(), e.getMessage());
    }

    @Test
    void appServiceAnswering502IsRetriedTooWhereMsalsOwnPolicyWouldNot_measuredWithTheRealSleeper() throws Exception {
        // the one test on real time: the system sleeper really waits (lower bound only; a loaded machine is slower)
        flow = new ManagedIdentityFlow(environment -> Optional.of(arcTokens));
        context.env("IDENTITY_ENDPOINT", entra.appServiceIdentityEndpoint()).env("IDENTITY_HEADER", entra.appServiceIdentityHeader());
        entra.addFault(Fault.status(502, 0, 1).onPath("/msi/token"));
        acquire(profile().build());
        List<Duration> gaps = gaps(requests("/msi/token"));
        assertEquals(1, gaps.size());
        assertTrue(gaps.getFirst().toMillis() >= 1_000, gaps.toString());
    }

    @Test
    void theTimeoutStopsRetriesThatWouldOutlastIt() {
        imds();
        entra.addFault(Fault.status(410, 0, 20).onPath(IMDS_PATH));
        AuthException e = assertThrows(AuthException.class,
                () -> flow.acquire(new TokenRequest(profile().build(), GRAPH, true, Duration.ofSeconds(5), false), context));
        assertEquals(List.of(), sleeper.waits(), "a 10 s wait does not fit in a 5 s --timeout: none is made");
        assertEquals(1, requests(IMDS_PATH).size());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(ExitCode.TIMEOUT, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("answered HTTP 410 and asks to try again in 10 s, after the --timeout"), e.getMessage());
    }

    @Test
    void aSecondCallInTheSameProcessIsAnsweredFromMsalsCacheUnlessForced() throws Exception {
        imds();
        Profile profile = profile().build();
        // msal keeps managed identity tokens in one cache per process: the first call is forced past it
        flow.acquire(new TokenRequest(profile, GRAPH, true, Duration.ofMinutes(1), false), context);
        TokenResult again = flow.acquire(new TokenRequest(profile, GRAPH, false, Duration.ofMinutes(1), false), context);
        assertTrue(again.fromCache());
        assertEquals(1, requests(IMDS_PATH).size());
    }

    @Test
    void oneResourceAtATime() {
        imds();
        AuthException e = assertThrows(AuthException.class, () -> flow.acquire(new TokenRequest(profile().build(),
                List.of("https://graph.microsoft.com/.default", "https://management.azure.com/.default"), true,
                Duration.ofMinutes(1), false), context));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(0, entra.requests().size());
    }

    // --- Azure Arc: the challenge file (SECURITY-CHECKLIST NF4, CVE-2024-35255) ---

    InMemoryFlowContext arc() {
        return context.env("IDENTITY_ENDPOINT", entra.arcIdentityEndpoint()).env("IMDS_ENDPOINT", entra.imdsEndpoint());
    }

    void assertRefused(String challenge, String expected) {
        arc();
        entra.arcChallengeFile(challenge);
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));
        assertEquals(ExitCode.AUTHENTICATION, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("refused, nothing was read or sent"), e.getMessage());
        // only the first, unauthenticated request: nothing from the file was sent back
        assertEquals(1, requests("/arc/metadata/identity/oauth2/token").size(), entra.requests().toString());
    }

    @Test
    void anArcChallengeOutsideTheAgentsDirectoryIsRefused() throws Exception {
        Path outside = Files.writeString(dir.resolve("secret.key"), "not for the endpoint");
        assertRefused(outside.toString(), "is outside the agent's token directory");
    }

    @Test
    void anArcChallengeClimbingOutOfTheDirectoryWithDotDotIsRefused() throws Exception {
        Files.writeString(dir.resolve("azcmagent/secret.key"), "not for the endpoint");
        assertRefused(arcTokens + "/../secret.key", "is outside the agent's token directory");
    }

    @Test
    void anArcChallengeThroughASymbolicLinkInTheDirectoryIsRefused() throws Exception {
        Path outside = Files.writeString(dir.resolve("elsewhere.key"), "not for the endpoint");
        Path link = Files.createSymbolicLink(arcTokens.resolve("link.key"), outside);
        assertRefused(link.toString(), "is a symbolic link (to " + outside + ")");
    }

    @Test
    void anArcChallengeInASubdirectoryIsRefused() throws Exception {
        Path nested = Files.writeString(Files.createDirectories(arcTokens.resolve("sub")).resolve("x.key"), "k");
        assertRefused(nested.toString(), "is outside the agent's token directory");
    }

    @Test
    void anArcChallengeFileNotEndingInKeyIsRefused() throws Exception {
        Path file = Files.writeString(arcTokens.resolve("token.txt"), "k");
        assertRefused(file.toString(), "does not end in .key");
    }

    @Test
    void anArcChallengeFileOver4096BytesIsRefused() throws Exception {
        Path file = Files.write(arcTokens.resolve("big.key"), new byte[4097]);
        assertRefused(file.toString(), "holds 4097 bytes, more than the 4096");
    }

    @Test
    void anArcChallengeNamingADirectoryOrNothingIsRefused() throws Exception {
        Files.createDirectories(arcTokens.resolve("dir.key"));
        assertRefused(arcTokens.resolve("dir.key").toString(), "is not a regular file");
    }

    @Test
    void aFifoNamedAsAKeyFileInTheDirectoryIsRefusedWithoutBlocking() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.io.File.separatorChar == '/', "mkfifo: POSIX only");
        Path fifo = arcTokens.resolve("pipe.key");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        // opening a FIFO with no writer blocks: the check refuses it before anything opens it
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> assertRefused(fifo.toString(), "is not a regular file"));
    }

    static Map<String, List<String>> challenge(Path file) {
        return Map.of("WWW-Authenticate", List.of("Basic realm=" + file));
    }

    @Test
    void theKeyFileIsReadOnceCheckedAndItsContentReturned() throws Exception {
        Path key = Files.writeString(arcTokens.resolve("valid.key"), "the key");
        assertEquals("the key", new ArcChallenge(arcTokens).key(challenge(key)));
    }

    @Test
    void aKeyFileReplacedBetweenTheCheckAndTheReadIsRefused() throws Exception {
        Path key = Files.writeString(arcTokens.resolve("valid.key"), "the key");
        Path other = Files.writeString(arcTokens.resolve("other.tmp"), "another");   // the same size, another file
        ArcChallenge arc = new ArcChallenge(arcTokens, file -> move(other, file));
        AuthException e = assertThrows(AuthException.class, () -> arc.key(challenge(key)));

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertTrue(e.getMessage().contains("changed between the check and the read (the name now leads to another file)"),
                e.getMessage());
    }

    @Test
    void aKeyFileThatGrewBetweenTheCheckAndTheReadIsRefusedAndReadNoFurtherThan4096Bytes() throws Exception {
        Path key = Files.writeString(arcTokens.resolve("valid.key"), "the key");
        ArcChallenge arc = new ArcChallenge(arcTokens, file -> append(file, new byte[1 << 20]));
        AuthException e = assertThrows(AuthException.class, () -> arc.key(challenge(key)));

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode());
        assertTrue(e.getMessage().contains("changed between the check and the read (its size went from 7 to"), e.getMessage());
    }

    static void move(Path from, Path to) {
        try {
            Files.move(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void append(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anArcChallengeFileThatDoesNotExistIsRefused() {
        assertRefused(arcTokens.resolve("missing.key").toString(), "does not exist");
    }

    @Test
    void aRelativeArcChallengePathIsRefused() {
        assertRefused("tokens/x.key", "is not an absolute path");
    }

    @Test
    void aValidArcChallengeIsAnsweredWithTheKeyFilesContentAndTheTokenArrives() throws Exception {
        // a .key file directly in the agent's directory, exactly 4096 bytes: the largest allowed
        Path key = Files.writeString(arcTokens.resolve("valid.key"), "k".repeat(4096));
        arc();
        entra.arcChallengeFile(key.toString());
        TokenResult token = acquire(profile().build());

        assertEquals(entra.seed().systemIdentity().servicePrincipalId(), claim(token.accessToken(), "oid"));
        // the challenge, then the request with "Authorization: Basic <content>" (the emulator compares it)
        assertEquals(2, requests("/arc/metadata/identity/oauth2/token").size(), entra.requests().toString());
        assertEquals(0, requests(IMDS_PATH).size());
    }

    @Test
    void anArcAgentThatRefusesTheKeyItNamedEndsWithOneLineNotALoop() throws Exception {
        Path key = Files.writeString(arcTokens.resolve("valid.key"), "k");
        arc();
        entra.arcChallengeFile(key.toString());
        // the challenge goes through; the authorized request is answered 401 again
        entra.addFault(new Fault(401, 0, 0, false, 5, "/arc/", null, 0, 1));
        AuthException e = assertThrows(AuthException.class, () -> acquire(profile().build()));

        assertEquals(ExitCode.AUTHENTICATION, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("refused the content of the key file it named (HTTP 401 again)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(2, requests("/arc/metadata/identity/oauth2/token").size(), entra.requests().toString());
    }

    // --- Cloud Shell ---

    @Test
    void cloudShellIsChosenFromMsiEndpointAndSendsTheResourceWithTheMetadataHeader() throws Exception {
        context.env("MSI_ENDPOINT", entra.cloudShellIdentityEndpoint());
        TokenResult token = acquire(profile().build());

        Map<String, Object> claims = claims(token.accessToken());
        assertEquals(entra.seed().systemIdentity().servicePrincipalId(), claims.get("oid"));
        assertEquals("https://graph.microsoft.com", claims.get("aud"));
        // the emulator answers 400 without "Metadata: true" or without the resource (msal4j 1.26 sends a GET)
        List<RecordedRequest> sent = requests("/oauth2/token");
        assertEquals(1, sent.size(), entra.requests().toString());
        assertEquals("https://graph.microsoft.com", sent.getFirst().scope());
        assertEquals(0, requests(IMDS_PATH).size());
    }

    @Test
    void cloudShellHasNoUserAssignedIdentityAndSaysSoWithoutARequest() {
        context.env("MSI_ENDPOINT", entra.cloudShellIdentityEndpoint());
        AuthException e = assertThrows(AuthException.class,
                () -> acquire(profile().clientId(entra.seed().userIdentity().clientId()).build()));
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("cloud shell"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(0, requests("/oauth2/token").size());
    }

    static List<Duration> gaps(List<RecordedRequest> requests) {
        List<Duration> gaps = new java.util.ArrayList<>();
        for (int i = 1; i < requests.size(); i++) {
            gaps.add(Duration.between(requests.get(i - 1).at(), requests.get(i).at()));
        }
        return gaps;
    }
}
