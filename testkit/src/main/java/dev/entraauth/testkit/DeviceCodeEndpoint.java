package dev.entraauth.testkit;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code POST /{tenant}/oauth2/v2.0/devicecode} (v2-oauth2-device-code, RFC 8628): a device code for a public
 * client, a user code, the verification page, {@code expires_in} and {@code interval}. The user's side is
 * the control API (approve or decline), or the {@code /devicelogin} page.
 */
final class DeviceCodeEndpoint {
    private static final String USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final EntraEmulator emulator;

    DeviceCodeEndpoint(EntraEmulator emulator) {
        this.emulator = emulator;
    }

    void handle(Call call, Matcher path) throws IOException {
        Tenant tenant = emulator.tenant(path.group("tenant"));
        String clientId = call.param("client_id");
        if (clientId == null) {
            throw OAuthError.invalidRequest(900144, "The request body must contain the following parameter: 'client_id'.");
        }
        Application app = tenant.application(clientId).orElseThrow(() -> OAuthError.applicationNotFound(clientId, tenant.id()));
        if (!app.isPublicClient()) {
            throw new OAuthError(400, "invalid_client", 7000218, "The request body must contain the following parameter:"
                    + " 'client_assertion' or 'client_secret'. (Allow public client flows on the application to use the device code flow.)");
        }
        String scope = call.param("scope");
        Scopes.parse(scope, tenant);
        Grants grants = emulator.grants();
        String userCode = userCode();
        String deviceCode = "DAQABAAEAAA" + Tokens.randomId(96);
        Instant expires = Instant.now().plus(grants.deviceCodeLifetime);
        grants.issuedDeviceCodes.add(deviceCode);
        int interval = grants.deviceCodeInterval;
        grants.deviceCodes.put(deviceCode, new Grants.DeviceGrant(tenant.id(), app.clientId(), scope, deviceCode, userCode,
                expires, interval > 0 ? interval : 5));
        String page = emulator.baseUrl() + "/devicelogin";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_code", userCode);
        body.put("device_code", deviceCode);
        body.put("verification_uri", page);
        body.put("expires_in", grants.deviceCodeLifetime.toSeconds());
        if (interval > 0) {
            body.put("interval", interval);
        }
        body.put("message", "To sign in, use a web browser to open the page " + page + " and enter the code " + userCode
                + " to authenticate.");
        call.json(200, body);
    }

    /** {@code /devicelogin}: where a person would type the code; the emulator approves from the control API. */
    void page(Call call, Matcher path) throws IOException {
        call.html(200, "<!doctype html><html><head><title>Enter code</title></head><body><h1>Enter code</h1>"
                + "<p>This emulator approves device codes through its control API: POST /_emulator/device/approve.</p></body></html>");
    }

    private static String userCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            code.append(USER_CODE_ALPHABET.charAt(RANDOM.nextInt(USER_CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
