package dev.entraauth.flows.managedidentity.internal;

import dev.entraauth.api.flow.AuthException;
import java.io.IOException;

/**
 * A failure the transport has already explained, carried through msal4j (which wraps whatever its HTTP client
 * throws) back to the flow. An {@link IOException} but not a {@code SocketException}, which msal would replace
 * with a message of its own.
 */
final class TransportFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient AuthException failure;

    TransportFailure(AuthException failure) {
        super(failure.getMessage(), failure);
        this.failure = failure;
    }

    AuthException failure() {
        return failure;
    }
}
