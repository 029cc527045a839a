package dev.entraauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class EmulatorSmokeTest {
    @Test
    void servesDiscoveryOverHttpsTrustedThroughItsOwnCa() throws Exception {
        try (EntraEmulator entra = EntraEmulator.start()) {
            HttpClient client = entra.httpClient();

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create(entra.authority() + "/v2.0/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"token_endpoint\":\"" + entra.tokenEndpoint() + "\""), response.body());
            assertEquals(java.util.List.of(), entra.bugs());
        }
    }
}
