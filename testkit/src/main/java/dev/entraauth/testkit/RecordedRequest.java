package dev.entraauth.testkit;

import java.time.Instant;

/**
 * A request the emulator received, as the control API lists it: never a secret, code, assertion or token.
 *
 * @param at        when it arrived
 * @param method    the HTTP method
 * @param path      the path, without the query
 * @param grantType the {@code grant_type} of a token request, or null
 * @param clientId  the {@code client_id}, or null
 * @param scope     the {@code scope} (or {@code resource}) requested, or null
 * @param host      the {@code Host} header as sent: the name (and port) the client addressed, or null
 */
public record RecordedRequest(Instant at, String method, String path, String grantType, String clientId, String scope,
                              String host) {
}
