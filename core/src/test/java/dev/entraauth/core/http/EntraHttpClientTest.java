package dev.entraauth.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport's retries, driven by msal4j as the flows drive it. */
class EntraHttpClientTest {
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket silent;

    @AfterEach
    void close() throws IOException {
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    /** A server that accepts connections and never says a word, so that no TLS handshake completes. */
    private int silentServer() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return silent.getLocalPort();
    }

    @Test
    void aConnectTimeoutIsAConnectionFailureAndIsRetriedUpToTheAttempts() throws Exception {
        // Arrange
        int port = silentServer();
        HttpSettings settings = new HttpSettings(Duration.ofMillis(300), Duration.ofSeconds(5), 3, Duration.ofMillis(50),
                Optional.empty(), Map.of(), message -> { });
        EntraHttpClient client = new EntraHttpClient(settings);
        ConfidentialClientApplication application = ConfidentialClientApplication
                .builder("11111111-2222-3333-4444-555555555555", ClientCredentialFactory.createFromSecret("not-sent"))
                .authority("https://127.0.0.1:" + port + "/72f988bf-86f1-41af-91ab-2d7cd011db47")
                .validateAuthority(false).instanceDiscovery(false)
                .httpClient(client)
                .build();

        // Act
        ExecutionException e = assertThrows(ExecutionException.class, () -> application.acquireToken(
                ClientCredentialParameters.builder(Set.of("https://graph.microsoft.com/.default")).build()).get());

        // Assert
        boolean connectTimeout = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            connectTimeout |= t instanceof HttpConnectTimeoutException;
        }
        assertTrue(connectTimeout, "the last attempt's connect timeout is reported: " + e);
        assertEquals(3, client.requestsSent(), "one try and two retries");
        assertEquals(3, accepted.size(), "three connections were opened");
    }
}
