package dev.entraauth.core.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * The JSON object of an HTTP answer read outside msal (Service Fabric's managed identity endpoint), for modules
 * that keep no JSON library of their own (the architecture confines Jackson to the core).
 */
public final class JsonBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private JsonBodies() {
    }

    /**
     * @param body an answer's body
     * @return its members (nested objects as maps, numbers as numbers), or an empty map when it is not a JSON object
     */
    public static Map<String, Object> object(String body) {
        if (body == null || body.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, Object> members = JSON.readValue(body, OBJECT);
            return members == null ? Map.of() : members;
        } catch (IOException e) {
            return Map.of();
        }
    }
}
