package dev.entraauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The managed identity endpoints: IMDS as on a VM, the App Service identity endpoint, Cloud Shell's. */
class ManagedIdentityEndpointsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ARM = "https://management.azure.com/";

    EntraEmulator entra;
    HttpClient http;

    @BeforeEach
    void startTheEmulator() {
        entra = EntraEmulator.start();
        http = entra.httpClient();
    }

    @AfterEach
    void stopTheEmulatorWithoutABug() {
        entra.close();
        assertEquals(List.of(), entra.bugs());
    }

    @Test
    void imdsGivesTheSystemAssignedIdentityATokenWithItsFieldsAsStrings() throws Exception {
        long before = Instant.now().getEpochSecond();

        HttpResponse<String> response = imds("api-version=2018-02-01&resource=" + encode(ARM));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        for (String field : List.of("access_token", "client_id", "expires_in", "expires_on", "ext_expires_in", "not_before",
                "resource", "token_type")) {
            assertTrue(body.path(field).isTextual(), field + " is a string: " + body);
        }
        assertEquals(ARM, body.path("resource").asText());
        assertEquals("Bearer", body.path("token_type").asText());
        assertEquals(entra.seed().systemIdentity().clientId(), body.path("client_id").asText());
        long expiresOn = Long.parseLong(body.path("expires_on").asText());
        assertTrue(expiresOn > before + 3600 && expiresOn <= Instant.now().getEpochSecond() + 86400, body.toString());
        JWTClaimsSet claims = SignedJWT.parse(body.path("access_token").asText()).getJWTClaimsSet();
        assertEquals(entra.seed().systemIdentity().servicePrincipalId(), claims.getStringClaim("oid"));
        assertEquals("app", claims.getStringClaim("idtyp"));
        assertTrue(claims.getAudience().getFirst().startsWith("https://management.azure.com"), claims.getAudience().toString());
    }

    @Test
    void cloudShellAnswersAFormPostAndAQueryGetWithMetadataAndRefusesWithoutIt() throws Exception {
        URI endpoint = URI.create(entra.cloudShellIdentityEndpoint());
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(endpoint).header("Metadata", "true")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("resource=" + encode(ARM))).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(endpoint + "?resource=" + encode(ARM)))
                .header("Metadata", "true").GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> withoutMetadata = http.send(HttpRequest.newBuilder(URI.create(endpoint + "?resource=" + encode(ARM)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(posted, got)) {
            assertEquals(200, response.statusCode(), response.body());
            JWTClaimsSet claims = SignedJWT.parse(JSON.readTree(response.body()).path("access_token").asText()).getJWTClaimsSet();
            assertEquals(entra.seed().systemIdentity().servicePrincipalId(), claims.getStringClaim("oid"));
        }
        assertEquals(400, withoutMetadata.statusCode(), withoutMetadata.body());
        assertEquals("bad_request_102", JSON.readTree(withoutMetadata.body()).path("error").asText());
    }

    @Test
    void theIdentityEndpointsCanBeServedOnAnotherLocalAddressWithTheSameRecordings() throws Exception {
        String other = entra.serveIdentityEndpointsOn(java.net.InetAddress.getByName("127.0.0.2"));
        assertTrue(other.startsWith("http://127.0.0.2:"), other);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(other
                + "/metadata/identity/oauth2/token?api-version=2018-02-01&resource=" + encode(ARM))).header("Metadata", "true")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, entra.requests().stream().filter(r -> r.path().equals("/metadata/identity/oauth2/token")).count());
    }

    @Test
    void imdsWithoutTheMetadataHeaderOrWithItNotInLowerCaseIs400BadRequest102() throws Exception {
        String query = "api-version=2018-02-01&resource=" + encode(ARM);
        HttpResponse<String> missing = imds(query, null);
        HttpResponse<String> capitalised = imds(query, "True");

        for (HttpResponse<String> response : List.of(missing, capitalised)) {
            assertEquals(400, response.statusCode(), response.body());
            JsonNode body = JSON.readTree(response.body());
            assertEquals("bad_request_102", body.path("error").asText(), response.body());
            assertEquals("Required metadata header not specified", body.path("error_description").asText());
        }
    }

    @Test
    void imdsWithoutAnApiVersionIs400() throws Exception {
        HttpResponse<String> response = imds("resource=" + encode(ARM));

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_request", JSON.readTree(response.body()).path("error").asText());
    }

    @Test
    void imdsGivesAUserAssignedIdentityChosenByClientIdItsOwnToken() throws Exception {
        Application identity = entra.seed().userIdentity();

        HttpResponse<String> response = imds("api-version=2018-02-01&resource=" + encode(ARM) + "&client_id=" + identity.clientId());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(identity.clientId(), body.path("client_id").asText());
        assertEquals(identity.servicePrincipalId(),
                SignedJWT.parse(body.path("access_token").asText()).getJWTClaimsSet().getStringClaim("oid"));
    }

    @Test
    void imdsWithAnUnknownClientIdIs400IdentityNotFound() throws Exception {
        HttpResponse<String> response = imds("api-version=2018-02-01&resource=" + encode(ARM) + "&client_id=" + UUID.randomUUID());

        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("invalid_request", body.path("error").asText());
        assertEquals("Identity not found", body.path("error_description").asText());
    }

    @Test
    void appServiceGivesATokenWithTheIdentityHeader() throws Exception {
        HttpResponse<String> response = appService(entra.appServiceIdentityHeader());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(ARM, body.path("resource").asText());
        assertEquals("Bearer", body.path("token_type").asText());
        assertTrue(body.path("expires_on").isTextual(), body.toString());
        assertEquals(entra.seed().systemIdentity().clientId(), body.path("client_id").asText());
        assertEquals(entra.seed().systemIdentity().servicePrincipalId(),
                SignedJWT.parse(body.path("access_token").asText()).getJWTClaimsSet().getStringClaim("oid"));
    }

    @Test
    void appServiceWithAWrongOrMissingIdentityHeaderIs401() throws Exception {
        assertEquals(401, appService(UUID.randomUUID().toString()).statusCode());
        assertEquals(401, appService(null).statusCode());
    }

    private HttpResponse<String> imds(String query) throws Exception {
        return imds(query, "true");
    }

    private HttpResponse<String> imds(String query, String metadataHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(entra.imdsEndpoint() + "/metadata/identity/oauth2/token?" + query));
        if (metadataHeader != null) {
            request.header("Metadata", metadataHeader);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> appService(String identityHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(entra.appServiceIdentityEndpoint()
                + "?api-version=2019-08-01&resource=" + encode(ARM)));
        if (identityHeader != null) {
            request.header("X-IDENTITY-HEADER", identityHeader);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
