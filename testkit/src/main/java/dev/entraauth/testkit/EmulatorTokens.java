package dev.entraauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Access tokens straight from the emulator's token endpoint (client credentials with the seeded app's secret), for
 * tests of what the CLI does with a token it did not acquire itself ({@code inspect --verify}, {@code discover});
 * and a way to tamper with one.
 */
public final class EmulatorTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmulatorTokens() {
    }

    /**
     * @param entra a running emulator
     * @param scope a {@code .default} scope: Graph's ({@code https://graph.microsoft.com/.default}, a v1.0 token with
     *              Graph's header nonce), ARM's (a v1.0 token), or the seeded app's own ({@code api://<id>/.default},
     *              a v2.0 token with the role {@code Data.Read})
     * @return an app-only access token for the seeded confidential app
     */
    public static String clientCredentials(EntraEmulator entra, String scope) {
        EntraEmulator.Seed seed = entra.seed();
        String form = "grant_type=client_credentials&client_id=" + seed.confidentialApp().clientId()
                + "&client_secret=" + URLEncoder.encode(seed.clientSecret().value(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = entra.httpClient().send(HttpRequest.newBuilder(URI.create(entra.tokenEndpoint()))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the emulator refused the token request: " + response.body());
            }
            return body.path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@return the scope of the seeded app's own API, whose tokens are v2.0 and carry no Graph nonce} */
    public static String ownApiScope(EntraEmulator entra) {
        return entra.seed().confidentialApp().identifierUri() + "/.default";
    }

    /**
     * @param token  a signed token
     * @param search text in its decoded payload
     * @param with   what to put there instead
     * @return the token with that payload and the original header and signature: its signature no longer matches
     */
    public static String tamper(String token, String search, String with) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        if (!payload.contains(search)) {
            throw new IllegalArgumentException("the payload does not hold '" + search + "'");
        }
        String changed = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace(search, with).getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + changed + "." + parts[2];
    }
}
