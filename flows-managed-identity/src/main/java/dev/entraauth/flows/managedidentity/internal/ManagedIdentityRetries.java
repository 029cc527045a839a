package dev.entraauth.flows.managedidentity.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * When to send a managed identity token request again, after Azure's IMDS retry guidance (how-to-use-vm-token,
 * "Retry guidance"): 404 (the identity is being assigned), 408, 429 and every 5xx are retried with exponential
 * backoff — 1 s, 2 s, 4 s, or the server's {@code Retry-After} — for up to three retries; 410 (IMDS is being
 * updated) is retried every 10 s until at least 70 s have passed since the first request. Anything else is final.
 *
 * <p>404 is retried for IMDS only, and boundedly (three retries, 7 s in all). Azure's guidance lists it as "IMDS
 * endpoint is updating" and msal's IMDS retry specification (MSAL.NET {@code imds_retry_based_on_errors.md}, also
 * msal4j's IMDS policy) retries it three times because a newly assigned identity answers "Identity not found" for a
 * while. A metadata server that is not Azure's (another cloud's, a local mock) also answers 404: it costs those 7 s
 * and then one line saying so, which is the price of not failing on a VM whose identity is being assigned. App
 * Service, Azure Arc and Cloud Shell answer 404 for a wrong path only, so there it is final.
 *
 * <p>msal4j 1.26 has a policy of its own (IMDS only, fixed delays, {@code Retry-After} ignored, none for App
 * Service's 410/502); the flow turns it off and retries here, in one place, for every source.
 */
final class ManagedIdentityRetries {
    static final Duration GONE_INTERVAL = Duration.ofSeconds(10);
    static final Duration GONE_AT_LEAST = Duration.ofSeconds(70);
    static final int MAX_RETRIES = 3;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private ManagedIdentityRetries() {
    }

    /**
     * @param imds       whether the source is IMDS (the only one whose 404 is retried)
     * @param status     the answer's HTTP status
     * @param retry      how many retries were made already (0 after the first answer)
     * @param sinceFirst how long ago the first request was sent
     * @param retryAfter the answer's {@code Retry-After}, when it had one
     * @return how long to wait before the next attempt, or empty when this answer is final
     */
    static Optional<Duration> next(boolean imds, int status, int retry, Duration sinceFirst, Optional<Duration> retryAfter) {
        if (status == 410) {
            if (sinceFirst.compareTo(GONE_AT_LEAST) >= 0) {
                return Optional.empty();
            }
            Duration wait = retryAfter.filter(r -> r.compareTo(GONE_INTERVAL) > 0).orElse(GONE_INTERVAL);
            return Optional.of(min(wait, MAX_WAIT));
        }
        if (!isRetryable(status) || (status == 404 && !imds) || retry >= MAX_RETRIES) {
            return Optional.empty();
        }
        return Optional.of(min(retryAfter.orElse(FIRST_BACKOFF.multipliedBy(1L << retry)), MAX_WAIT));
    }

    static boolean isRetryable(int status) {
        return status == 404 || status == 408 || status == 410 || status == 429 || (status >= 500 && status <= 599);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
