package dev.entraauth.testkit;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Discovery: the OpenID configuration of a tenant (v2.0 and v1), its signing keys, and instance discovery
 * (v2-protocols-oidc, access-tokens: validating the signature).
 */
final class MetadataEndpoints {
    private final EntraEmulator emulator;

    MetadataEndpoints(EntraEmulator emulator) {
        this.emulator = emulator;
    }

    void openIdConfiguration(Call call, Matcher path) throws IOException {
        String segment = path.group("tenant");
        boolean multi = EntraEmulator.MULTI_TENANT.contains(segment.toLowerCase());
        String tenantId = multi ? "{tenantid}" : emulator.tenant(segment).id();
        String base = emulator.baseUrl() + "/" + segment;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_endpoint", base + "/oauth2/v2.0/token");
        body.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        body.put("jwks_uri", base + "/discovery/v2.0/keys");
        body.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        body.put("subject_types_supported", List.of("pairwise"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        body.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        body.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        body.put("issuer", emulator.baseUrl() + "/" + tenantId + "/v2.0");
        body.put("request_uri_parameter_supported", false);
        body.put("userinfo_endpoint", emulator.graphBaseUrl() + "/oidc/userinfo");
        body.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        body.put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode");
        body.put("http_logout_supported", true);
        body.put("frontchannel_logout_supported", true);
        body.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        body.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "nbf", "name", "nonce", "oid", "tid",
                "preferred_username", "ver"));
        body.put("kerberos_endpoint", base + "/kerberos");
        body.put("tenant_region_scope", "EM");
        body.put("cloud_instance_name", "emulator.local");
        body.put("cloud_graph_host_name", "graph.emulator.local");
        body.put("msgraph_host", emulator.graphBaseUrl().replaceFirst("^https://", ""));
        body.put("rbac_url", emulator.baseUrl());
        call.json(200, body);
    }

    void openIdConfigurationV1(Call call, Matcher path) throws IOException {
        String segment = path.group("tenant");
        String tenantId = EntraEmulator.MULTI_TENANT.contains(segment.toLowerCase()) ? "{tenantid}" : emulator.tenant(segment).id();
        String base = emulator.baseUrl() + "/" + segment;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_endpoint", base + "/oauth2/token");
        body.put("jwks_uri", emulator.baseUrl() + "/" + segment + "/discovery/keys");
        body.put("issuer", "https://sts.windows.net/" + tenantId + "/");
        body.put("authorization_endpoint", base + "/oauth2/authorize");
        body.put("id_token_signing_alg_values_supported", List.of("RS256"));
        call.json(200, body);
    }

    void keys(Call call, Matcher path) throws IOException {
        call.json(200, emulator.tokens().jwks(emulator.tenant(path.group("tenant")).id()));
    }

    void instanceDiscovery(Call call, Matcher path) throws IOException {
        String host = emulator.baseUrl().replaceFirst("^https://", "");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_discovery_endpoint", emulator.baseUrl() + "/common/v2.0/.well-known/openid-configuration");
        body.put("api-version", "1.1");
        body.put("metadata", List.of(Map.of("preferred_network", host, "preferred_cache", host, "aliases", List.of(host))));
        call.json(200, body);
    }
}
