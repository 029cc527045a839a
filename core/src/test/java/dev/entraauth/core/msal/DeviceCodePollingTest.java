package dev.entraauth.core.msal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.HttpMethod;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The polling policy on a fake clock: when each poll is sent, what msal is told, and what is never sent. The
 * real waits against the emulator are in the DeviceCode flow's tests.
 */
class DeviceCodePollingTest {
    private static final String DEVICE_CODE = "DAQABAAEAAA-canary-device-code";
    private static final String TOKEN = "https://login.example/tenant/oauth2/v2.0/token";

    /** A clock that only moves when the policy sleeps (and when a fake request takes time). */
    static final class FakeTimer implements dev.entraauth.core.http.Sleeper {
        long now = 1_000_000_000L;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleep(java.time.Duration wait) {
            now += wait.toNanos();
        }

        double seconds() {
            return (now - 1_000_000_000L) / 1e9;
        }
    }

    final FakeTimer timer = new FakeTimer();
    final List<String> log = new ArrayList<>();
    /** When each poll reached the server, in seconds since the start. */
    final List<Double> pollTimes = new ArrayList<>();
    final Deque<Object> pollAnswers = new ArrayDeque<>();
    final List<String> passedThrough = new ArrayList<>();

    final IHttpClient transport = request -> {
        passedThrough.add(request.url().getPath());
        if (request.url().getPath().endsWith("/devicecode")) {
            timer.now += 200_000_000L; // the devicecode answer takes 0.2 s
            return (IHttpResponse) pollAnswers.removeFirst();
        }
        return response(200, "{}");
    };
    final IHttpClient poller = request -> {
        pollTimes.add(timer.seconds());
        Object next = pollAnswers.removeFirst();
        if (next instanceof IOException e) {
            throw e;
        }
        return (IHttpResponse) next;
    };

    DeviceCodePolling policy(Duration timeout) {
        return new DeviceCodePolling(transport, poller, timeout, log::add, timer);
    }

    static HttpRequest request(String url, String body) throws Exception {
        Constructor<HttpRequest> c = HttpRequest.class.getDeclaredConstructor(HttpMethod.class, String.class, Map.class, String.class);
        c.setAccessible(true);
        return c.newInstance(HttpMethod.POST, url, Map.of(), body);
    }

    static HttpRequest deviceCodeRequest() throws Exception {
        return request("https://login.example/tenant/oauth2/v2.0/devicecode", "client_id=c&scope=User.Read");
    }

    static HttpRequest pollRequest() throws Exception {
        return request(TOKEN, "grant_type=device_code&client_id=c&device_code=" + DEVICE_CODE);
    }

    static IHttpResponse response(int status, String body) {
        return new HttpResponse().statusCode(status).body(body);
    }

    static IHttpResponse deviceCode(String intervalField, int expiresIn) {
        return response(200, "{\"user_code\":\"ABCD-1234\",\"device_code\":\"" + DEVICE_CODE + "\",\"verification_uri\":\"https://v\","
                + intervalField + "\"expires_in\":" + expiresIn + "}");
    }

    static IHttpResponse oauth(String error) {
        return response(400, "{\"error\":\"" + error + "\",\"error_description\":\"AADSTS1: x\"}");
    }

    static String errorOf(IHttpResponse response) {
        return response.body().replaceAll(".*\"error\":\"([^\"]+)\".*", "$1");
    }

    /** msal's loop: start, then poll until an answer other than authorization_pending (msal sleeps 0 s here). */
    List<String> runMsalLoop(DeviceCodePolling policy, IHttpResponse deviceCode) throws Exception {
        pollAnswers.addFirst(deviceCode);
        policy.send(deviceCodeRequest());
        List<String> told = new ArrayList<>();
        while (true) {
            IHttpResponse answer = policy.send(pollRequest());
            String error = answer.statusCode() == 200 ? "token" : errorOf(answer);
            told.add(error);
            if (!error.equals("authorization_pending")) {
                return told;
            }
        }
    }

    static List<Double> gaps(double start, List<Double> times) {
        List<Double> gaps = new ArrayList<>();
        double previous = start;
        for (double t : times) {
            gaps.add(Math.round((t - previous) * 10) / 10.0);
            previous = t;
        }
        return gaps;
    }

    @Test
    void pollsKeepTheServersIntervalSlowDownAddsFiveSecondsAndAConnectionResetDoublesIt() throws Exception {
        pollAnswers.addAll(List.of(oauth("authorization_pending"), oauth("slow_down"), oauth("authorization_pending"),
                new IOException("Connection reset"), oauth("authorization_pending"), response(200, "{\"access_token\":\"t\"}")));

        List<String> told = runMsalLoop(policy(Duration.ofMinutes(5)), deviceCode("\"interval\":5,", 900));

        assertEquals(List.of("authorization_pending", "authorization_pending", "authorization_pending", "authorization_pending",
                "authorization_pending", "token"), told, "msal is told to keep polling after slow_down and the reset");
        assertEquals(List.of(5.0, 5.0, 10.0, 10.0, 20.0, 20.0), gaps(0.2, pollTimes),
                "5 s; slow_down: 10 s from then on; the reset doubles it to 20 s and it stays there");
    }

    @Test
    void serverErrorsAndThrottlingDoubleTheIntervalUpToTheCapNeverLowerIt() throws Exception {
        pollAnswers.addAll(List.of(response(503, "{}"), response(500, "{}"), response(429, "{}"), new HttpTimeoutException("t"),
                response(502, "{}"), response(200, "{}")));

        runMsalLoop(policy(Duration.ofMinutes(30)), deviceCode("\"interval\":5,", 3600));

        assertEquals(List.of(5.0, 10.0, 20.0, 40.0, 60.0, 60.0), gaps(0.2, pollTimes));
    }

    @Test
    void slowDownIsNotCappedByTheBackOffLimit() throws Exception {
        pollAnswers.addAll(List.of(oauth("slow_down"), response(503, "{}"), response(200, "{}")));

        runMsalLoop(policy(Duration.ofMinutes(30)), deviceCode("\"interval\":58,", 3600));

        assertEquals(List.of(58.0, 63.0, 63.0), gaps(0.2, pollTimes), "63 s is above the 60 s cap; doubling never lowers it");
    }

    @Test
    void withoutAnIntervalPollsWaitFiveSeconds() throws Exception {
        pollAnswers.addAll(List.of(oauth("authorization_pending"), response(200, "{}")));

        runMsalLoop(policy(Duration.ofMinutes(5)), deviceCode("", 900));

        assertEquals(List.of(5.0, 5.0), gaps(0.2, pollTimes));
        assertTrue(log.stream().anyMatch(l -> l.contains("no interval sent")), log.toString());
    }

    @Test
    void noPollIsSentAtOrAfterExpiryAndMsalIsToldExpiredTokenWhenTheCodeExpires() throws Exception {
        for (int i = 0; i < 10; i++) {
            pollAnswers.add(oauth("authorization_pending"));
        }

        List<String> told = runMsalLoop(policy(Duration.ofMinutes(5)), deviceCode("\"interval\":4,", 10));

        assertEquals(List.of(4.2, 8.2), pollTimes, "a poll at 12.2 s would be after the expiry at 10 s (counted from sending)");
        assertEquals("expired_token", told.getLast());
        assertEquals(10.0, timer.seconds(), 1e-9, "it answers when the code expires, not before");
    }

    @Test
    void theOverallDeadlineStopsPollingWithATimeoutBeforeTheCodeExpires() throws Exception {
        for (int i = 0; i < 10; i++) {
            pollAnswers.add(oauth("authorization_pending"));
        }
        DeviceCodePolling policy = policy(Duration.ofSeconds(9));

        assertThrows(HttpTimeoutException.class, () -> runMsalLoop(policy, deviceCode("\"interval\":4,", 900)));

        assertEquals(List.of(4.2, 8.2), pollTimes);
        assertTrue(policy.timedOut());
        assertEquals(9.0, timer.seconds(), 1e-9);
    }

    @Test
    void eachStoppingErrorGoesToMsalAsItCameAndNothingIsSentAfterIt() throws Exception {
        for (String error : List.of("authorization_declined", "access_denied", "expired_token", "bad_verification_code", "no_such_error")) {
            pollTimes.clear();
            pollAnswers.clear();
            pollAnswers.addAll(List.of(oauth("authorization_pending"), oauth(error)));
            DeviceCodePolling policy = policy(Duration.ofMinutes(5));

            List<String> told = runMsalLoop(policy, deviceCode("\"interval\":1,", 900));
            IHttpResponse again = policy.send(pollRequest());

            assertEquals(List.of("authorization_pending", error), told);
            assertEquals(2, pollTimes.size(), error + ": one poll for the error, none after it");
            assertEquals(error, errorOf(again), "a later poll is answered without a request");
            assertFalse(policy.timedOut());
        }
    }

    @Test
    void aClientRequestLoopAnswerStopsPollingInsteadOfBackingOff() throws Exception {
        pollAnswers.addAll(List.of(oauth("authorization_pending"),
                response(503, "{\"error\":\"server_error\",\"error_description\":\"AADSTS50196: loop\"}")));
        DeviceCodePolling policy = policy(Duration.ofMinutes(5));
        pollAnswers.addFirst(deviceCode("\"interval\":1,", 900));
        policy.send(deviceCodeRequest());

        IHttpResponse pending = policy.send(pollRequest());
        IHttpResponse loop = policy.send(pollRequest());
        IHttpResponse after = policy.send(pollRequest());

        assertEquals("authorization_pending", errorOf(pending));
        assertEquals(503, loop.statusCode(), "msal gets Entra's answer, to report it");
        assertEquals(2, pollTimes.size(), "no poll after AADSTS50196");
        assertEquals(400, after.statusCode());
    }

    @Test
    void otherRequestsGoToTheRetryingTransportUnchanged() throws Exception {
        DeviceCodePolling policy = policy(Duration.ofMinutes(5));

        IHttpResponse refresh = policy.send(request(TOKEN, "grant_type=refresh_token&refresh_token=r"));
        IHttpResponse discovery = policy.send(request("https://login.example/tenant/v2.0/.well-known/openid-configuration", null));

        assertEquals(200, refresh.statusCode());
        assertEquals(200, discovery.statusCode());
        assertEquals(List.of("/tenant/oauth2/v2.0/token", "/tenant/v2.0/.well-known/openid-configuration"), passedThrough);
        assertEquals(List.of(), pollTimes);
        assertEquals(0.0, timer.seconds(), "no pacing outside polling");
    }

    @Test
    void theDebugLogSaysWhatThePolicyDecidedAndNeverTheDeviceCode() throws Exception {
        pollAnswers.addAll(List.of(oauth("slow_down"), new IOException("reset"), response(200, "{}")));

        runMsalLoop(policy(Duration.ofMinutes(5)), deviceCode("\"interval\":2,", 900));

        String all = String.join("\n", log);
        assertTrue(all.contains("polling every 2 s") && all.contains("slow_down; polling every 7 s")
                && all.contains("IOException; polling every 14 s"), all);
        assertFalse(all.contains(DEVICE_CODE), all);
        assertFalse(all.contains("canary"), all);
    }
}
