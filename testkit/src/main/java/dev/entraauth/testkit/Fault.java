package dev.entraauth.testkit;

/**
 * A failure injected into the next {@code count} requests (control paths excepted), optionally only those
 * whose path starts with {@code pathPrefix}, optionally after letting the first {@code skip} of them through.
 *
 * @param status     an HTTP status to answer instead (0 for none)
 * @param retryAfter a {@code Retry-After} in seconds to send with it (0 for none)
 * @param delayMs    a delay before handling the request normally (0 for none)
 * @param drop       close the connection without answering
 * @param count      how many requests it applies to
 * @param pathPrefix only requests whose path starts with this, or null for all
 * @param location   a {@code Location} header to send with the status (a redirect), or null
 * @param errorCode  the AADSTS code of the error the status carries: 0 for the test fault's own AADSTS90033,
 *                   or {@link #LOOP_DETECTED} for Entra's "client request loop" error
 * @param skip       how many matching requests to let through untouched before the fault applies
 */
public record Fault(int status, int retryAfter, long delayMs, boolean drop, int count, String pathPrefix, String location,
                    int errorCode, int skip) {
    /** AADSTS50196, Entra's answer to a client that repeats the same request too often ("client request loop"). */
    public static final int LOOP_DETECTED = 50196;

    /**
     * A fault that applies to the next matching request.
     *
     * @param status     an HTTP status to answer instead (0 for none)
     * @param retryAfter a {@code Retry-After} in seconds (0 for none)
     * @param delayMs    a delay before handling the request normally (0 for none)
     * @param drop       close the connection without answering
     * @param count      how many requests it applies to
     * @param pathPrefix only requests whose path starts with this, or null for all
     * @param location   a {@code Location} header to send with the status (a redirect), or null
     * @param errorCode  the AADSTS code of the error the status carries (0: the test fault's AADSTS90033)
     */
    public Fault(int status, int retryAfter, long delayMs, boolean drop, int count, String pathPrefix, String location,
                 int errorCode) {
        this(status, retryAfter, delayMs, drop, count, pathPrefix, location, errorCode, 0);
    }

    /**
     * A fault without a redirect target, answering (if it has a status) the test fault's AADSTS90033.
     *
     * @param status     an HTTP status to answer instead (0 for none)
     * @param retryAfter a {@code Retry-After} in seconds (0 for none)
     * @param delayMs    a delay before handling the request normally (0 for none)
     * @param drop       close the connection without answering
     * @param count      how many requests it applies to
     * @param pathPrefix only requests whose path starts with this, or null for all
     */
    public Fault(int status, int retryAfter, long delayMs, boolean drop, int count, String pathPrefix) {
        this(status, retryAfter, delayMs, drop, count, pathPrefix, null, 0);
    }

    /**
     * @param location where to send the client (a 307 Temporary Redirect, which keeps the method and body)
     * @param count    how many requests
     * @return a fault that redirects
     */
    public static Fault redirect(String location, int count) {
        return new Fault(307, 0, 0, false, count, null, location, 0);
    }

    /**
     * @param status     the status, such as 429 or 503
     * @param retryAfter seconds for {@code Retry-After}, or 0
     * @param count      how many requests
     * @return a fault answering that status
     */
    public static Fault status(int status, int retryAfter, int count) {
        return new Fault(status, retryAfter, 0, false, count, null);
    }

    /**
     * Entra's AADSTS50196 ("the server terminated an operation because it encountered a client request loop"),
     * which a client must not answer with another attempt. Entra's reference does not say which HTTP status it
     * comes with, so the test chooses: a retryable one (429, 503) is what shows that a client stops on the code.
     *
     * @param status the HTTP status, such as 429, 503 or 400
     * @param count  how many requests
     * @return a fault answering that status with AADSTS50196
     */
    public static Fault loopDetected(int status, int count) {
        return new Fault(status, 0, 0, false, count, null, null, LOOP_DETECTED);
    }

    /**
     * @param delayMs how long to wait before answering
     * @param count   how many requests
     * @return a fault that delays
     */
    public static Fault delay(long delayMs, int count) {
        return new Fault(0, 0, delayMs, false, count, null);
    }

    /**
     * @param count how many requests
     * @return a fault that drops the connection
     */
    public static Fault drop(int count) {
        return new Fault(0, 0, 0, true, count, null);
    }

    /**
     * @param prefix a path prefix, such as {@code /metadata}
     * @return this fault limited to paths with that prefix
     */
    public Fault onPath(String prefix) {
        return new Fault(status, retryAfter, delayMs, drop, count, prefix, location, errorCode, skip);
    }

    /**
     * For a failure in the middle of a sequence, such as the fourth device-code poll:
     * {@code Fault.drop(1).onPath(tokenPath).skipping(3)}.
     *
     * @param requests how many matching requests to let through untouched first
     * @return this fault, applying only after that many matching requests
     */
    public Fault skipping(int requests) {
        return new Fault(status, retryAfter, delayMs, drop, count, pathPrefix, location, errorCode, requests);
    }
}
