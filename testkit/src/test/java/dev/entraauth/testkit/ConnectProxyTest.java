package dev.entraauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CONNECT proxy: tunnels to the emulator by a name only it resolves, records every request, refuses plain HTTP. */
class ConnectProxyTest {
    private EntraEmulator entra;
    private ConnectProxy proxy;
    private String discovery;

    @BeforeEach
    void start() {
        entra = EntraEmulator.start();
        proxy = ConnectProxy.start();
        proxy.route(EntraEmulator.UNRESOLVABLE_HOST, entra.address().getPort(), entra.address());
        discovery = entra.baseUrl(EntraEmulator.UNRESOLVABLE_HOST) + "/" + entra.seed().tenant().id()
                + "/v2.0/.well-known/openid-configuration";
    }

    @AfterEach
    void stop() {
        proxy.close();
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    private HttpClient client(boolean proxied) {
        HttpClient.Builder builder = HttpClient.newBuilder().sslContext(entra.clientSslContext()).connectTimeout(Duration.ofSeconds(10));
        if (proxied) {
            URI url = URI.create(proxy.url());
            builder.proxy(ProxySelector.of(new InetSocketAddress(url.getHost(), url.getPort())));
        }
        return builder.build();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theUnresolvableNameReachesTheEmulatorThroughTheProxyAndTheCertificateNamesIt() throws Exception {
        HttpResponse<String> response = get(client(true), discovery);

        assertEquals(200, response.statusCode(), response.body());
        String port = entra.address().getPort() == 443 ? "" : ":" + entra.address().getPort();
        assertEquals(List.of("CONNECT " + EntraEmulator.UNRESOLVABLE_HOST + ":" + entra.address().getPort()), proxy.requests());
        assertEquals(EntraEmulator.UNRESOLVABLE_HOST + port, entra.requests().getLast().host());
    }

    @Test
    void withoutTheProxyTheNameDoesNotResolve() {
        assertThrows(IOException.class, () -> get(client(false), discovery));

        assertEquals(List.of(), entra.requests());
        assertEquals(List.of(), proxy.requests());
    }

    @Test
    void anUnknownNameIsRecordedAndRefusedWithBadGateway() {
        assertThrows(IOException.class, () -> get(client(true), "https://elsewhere.entra-emulator.test/"));

        assertEquals(List.of("CONNECT elsewhere.entra-emulator.test:443"), proxy.requests());
        assertEquals(List.of(), entra.requests());
    }

    @Test
    void aPlainHttpRequestIsRecordedAndRefused() throws Exception {
        HttpResponse<String> response = get(client(true), entra.imdsEndpoint() + "/metadata/identity/oauth2/token");

        assertEquals(501, response.statusCode());
        assertEquals(List.of("GET " + entra.imdsEndpoint() + "/metadata/identity/oauth2/token"), proxy.requests());
        assertTrue(entra.requests().isEmpty(), entra.requests().toString());
    }
}
