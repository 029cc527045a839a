package dev.entraauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The control API over HTTP, for scripts outside Java (the Java methods of {@link EntraEmulator} do the same):
 * auto-approve, device approve/decline/slow-down/scripted answers, faults, the request log, expiring refresh tokens, and
 * registering apps and users. Paths under {@code /_emulator/} are never recorded nor faulted.
 */
final class ControlEndpoints {
    private final EntraEmulator emulator;

    ControlEndpoints(EntraEmulator emulator) {
        this.emulator = emulator;
    }

    void register(Router router) {
        router.on("POST", "/_emulator/auto-approve", this::autoApprove)
                .on("POST", "/_emulator/device/approve", (call, m) -> call.json(200, Map.of("approved", emulator.approveDeviceCodes())))
                .on("POST", "/_emulator/device/decline", (call, m) -> call.json(200, Map.of("declined", emulator.declineDeviceCodes())))
                .on("POST", "/_emulator/device/slow-down", this::slowDown)
                .on("POST", "/_emulator/device/timing", this::timing)
                .on("POST", "/_emulator/device/answers", this::answers)
                .on("POST", "/_emulator/faults", this::fault)
                .on("DELETE", "/_emulator/faults", (call, m) -> {
                    emulator.clearFaults();
                    call.json(200, Map.of("cleared", true));
                })
                .on("GET", "/_emulator/requests", (call, m) -> call.json(200, emulator.requests().stream().map(ControlEndpoints::json).toList()))
                .on("DELETE", "/_emulator/requests", (call, m) -> {
                    emulator.clearRequests();
                    call.json(200, Map.of("cleared", true));
                })
                .on("POST", "/_emulator/refresh-tokens/expire", (call, m) -> {
                    emulator.expireRefreshTokens();
                    call.json(200, Map.of("expired", true));
                })
                .on("POST", "/_emulator/apps", this::addApp)
                .on("POST", "/_emulator/users", this::addUser);
    }

    private static Map<String, Object> json(RecordedRequest r) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("at", r.at().toString());
        map.put("method", r.method());
        map.put("path", r.path());
        map.put("grant_type", r.grantType());
        map.put("client_id", r.clientId());
        map.put("scope", r.scope());
        map.put("host", r.host());
        return map;
    }

    private void autoApprove(Call call, Matcher m) throws IOException {
        String enabled = call.param("enabled");
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            call.json(400, Map.of("error", "enabled must be true or false"));
            return;
        }
        emulator.autoApprove(Boolean.parseBoolean(enabled));
        call.json(200, Map.of("autoApprove", Boolean.parseBoolean(enabled)));
    }

    private void slowDown(Call call, Matcher m) throws IOException {
        int count = Integer.parseInt(call.param("count") == null ? "1" : call.param("count"));
        emulator.slowDownDevicePolls(count);
        call.json(200, Map.of("slowDown", count));
    }

    private void timing(Call call, Matcher m) throws IOException {
        JsonNode body = Call.JSON.readTree(call.body);
        emulator.deviceCodeTiming(Duration.ofSeconds(body.path("expiresIn").asLong(900)), body.path("interval").asInt(5));
        call.json(200, Map.of("expiresIn", body.path("expiresIn").asLong(900), "interval", body.path("interval").asInt(5)));
    }

    private void answers(Call call, Matcher m) throws IOException {
        JsonNode body = Call.JSON.readTree(call.body);
        if (body == null || !body.path("errors").isArray()) {
            call.json(400, Map.of("error", "expected a JSON object such as {\"errors\":[\"authorization_pending\",\"slow_down\"]}"));
            return;
        }
        java.util.List<String> errors = new java.util.ArrayList<>();
        body.path("errors").forEach(e -> errors.add(e.asText()));
        emulator.answerDevicePolls(errors.toArray(String[]::new));
        call.json(200, Map.of("queued", errors.size()));
    }

    private void fault(Call call, Matcher m) throws IOException {
        JsonNode body = Call.JSON.readTree(call.body);
        if (body == null || !body.isObject()) {
            call.json(400, Map.of("error", "expected a JSON object such as {\"status\":429,\"retryAfter\":2,\"count\":1}"));
            return;
        }
        Fault fault = new Fault(body.path("status").asInt(0), body.path("retryAfter").asInt(0), body.path("delayMs").asLong(0),
                body.path("drop").asBoolean(false), Math.max(1, body.path("count").asInt(1)),
                body.hasNonNull("path") ? body.get("path").asText() : null,
                body.hasNonNull("location") ? body.get("location").asText() : null, body.path("errorCode").asInt(0),
                Math.max(0, body.path("skip").asInt(0)));
        emulator.addFault(fault);
        call.json(200, Map.of("count", fault.count(), "status", fault.status()));
    }

    private void addApp(Call call, Matcher m) throws IOException {
        JsonNode body = Call.JSON.readTree(call.body);
        Tenant tenant = emulator.seed().tenant();
        Application app = tenant.addApplication(body.path("displayName").asText("registered app"))
                .publicClient(body.path("publicClient").asBoolean(false));
        body.path("redirectUris").forEach(uri -> app.addRedirectUri(uri.asText()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clientId", app.clientId());
        result.put("objectId", app.objectId());
        if (body.path("secret").asBoolean(false)) {
            result.put("clientSecret", app.addSecret("control-api", Duration.ofDays(body.path("secretDays").asLong(180))).value());
        }
        call.json(201, result);
    }

    private void addUser(Call call, Matcher m) throws IOException {
        JsonNode body = Call.JSON.readTree(call.body);
        User user = emulator.seed().tenant().addUser(body.path("username").asText(), body.path("password").asText(),
                body.path("displayName").asText(body.path("username").asText()));
        call.json(201, Map.of("objectId", user.objectId(), "username", user.username()));
    }
}
