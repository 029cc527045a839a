package dev.entraauth.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the emulator remembers between requests: codes, device codes, refresh tokens, consents, used assertion ids. */
final class Grants {
    /** An authorization code. */
    record AuthCode(String tenantId, String clientId, String redirectUri, String challenge, String challengeMethod,
                    String scope, String userId, String nonce, Instant expiresAt) {
    }

    /**
     * A refresh token's grant; rotation issues new ones while older ones stay valid, as Entra does.
     * {@code serial} orders them by issue, even within one clock tick.
     */
    record RefreshGrant(String tenantId, String clientId, String userId, Instant issuedAt, long serial) {
    }

    /** Numbers refresh tokens in the order they are issued. */
    final java.util.concurrent.atomic.AtomicLong refreshSerial = new java.util.concurrent.atomic.AtomicLong();

    /** The states of a device code. */
    enum DeviceState { PENDING, APPROVED, DECLINED }

    /** A device authorization (RFC 8628). */
    static final class DeviceGrant {
        final String tenantId;
        final String clientId;
        final String scope;
        final String deviceCode;
        final String userCode;
        final Instant expiresAt;
        final int interval;
        volatile DeviceState state = DeviceState.PENDING;
        volatile String userId;
        volatile Instant lastPoll;

        DeviceGrant(String tenantId, String clientId, String scope, String deviceCode, String userCode, Instant expiresAt, int interval) {
            this.tenantId = tenantId;
            this.clientId = clientId;
            this.scope = scope;
            this.deviceCode = deviceCode;
            this.userCode = userCode;
            this.expiresAt = expiresAt;
            this.interval = interval;
        }
    }

    final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    final Set<String> redeemedCodes = ConcurrentHashMap.newKeySet();
    final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    final Map<String, DeviceGrant> deviceCodes = new ConcurrentHashMap<>();
    /** Every device code issued, for leak tests (a code leaves {@link #deviceCodes} when it is used up). */
    final List<String> issuedDeviceCodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Set<String> usedAssertionIds = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> consents = new ConcurrentHashMap<>();
    volatile Duration refreshTokenMaxInactive = Duration.ofDays(90);
    volatile Duration deviceCodeLifetime = Duration.ofMinutes(15);
    /** The {@code interval} new device codes announce, in seconds; 0 leaves it out of the answer (RFC 8628: 5 s then). */
    volatile int deviceCodeInterval = 5;
    volatile int slowDownsPending;
    /** OAuth errors the next device-code polls answer, one each, in order (control API). */
    final java.util.Queue<String> devicePollAnswers = new java.util.concurrent.ConcurrentLinkedQueue<>();
    volatile boolean enforcePollInterval;

    void consent(String userId, String clientId, String resource, Set<String> scopes) {
        consents.computeIfAbsent(userId + "|" + clientId + "|" + resource, k -> ConcurrentHashMap.newKeySet()).addAll(scopes);
    }

    Set<String> consented(String userId, String clientId, String resource) {
        return Set.copyOf(consents.getOrDefault(userId + "|" + clientId + "|" + resource, Set.of()));
    }

    List<DeviceGrant> pendingDeviceGrants() {
        return deviceCodes.values().stream().filter(g -> g.state == DeviceState.PENDING).toList();
    }
}
