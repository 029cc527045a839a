package dev.entraauth.core.token;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON Web Token in JWS compact form, decoded but <em>not</em> validated: its header and claims as JSON
 * objects in their original order. {@link #decode} refuses anything that is not a signed JWT with one line
 * that never quotes the input (SECURITY-CHECKLIST BI1): a wrong segment count, bad base64url, a part that is
 * not a JSON object, more than {@value #MAX_LENGTH} characters, {@code alg: none}, or a 5-segment JWE.
 */
public final class Jwt {
    /** The longest token accepted: 64 KB (Entra's tokens are a few KB; a group overage keeps them small). */
    public static final int MAX_LENGTH = 64 * 1024;
    /** The latest NumericDate accepted: 9999-12-31T23:59:59Z. */
    private static final long MAX_NUMERIC_DATE = 253_402_300_799L;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final String compact;
    private final Map<String, Object> header;
    private final Map<String, Object> claims;
    private final int signatureLength;

    private Jwt(String compact, Map<String, Object> header, Map<String, Object> claims, int signatureLength) {
        this.compact = compact;
        this.header = Collections.unmodifiableMap(header);
        this.claims = Collections.unmodifiableMap(claims);
        this.signatureLength = signatureLength;
    }

    /**
     * Decodes a token. Surrounding white space and a leading {@code Bearer } are ignored.
     *
     * @param input the token as the user gave it
     * @return the decoded token
     * @throws EntraAuthException {@link ExitCode#USAGE}, one line that names the problem and never the input
     */
    public static Jwt decode(String input) throws EntraAuthException {
        if (input == null || input.isBlank()) {
            throw invalid("no token given");
        }
        if (input.length() > MAX_LENGTH) {
            throw invalid("the token is longer than 64 KB (" + input.length() + " characters); not a token from Entra ID");
        }
        String text = input.strip();
        if (text.length() > 7 && text.regionMatches(true, 0, "Bearer", 0, 6) && Character.isWhitespace(text.charAt(6))) {
            text = text.substring(7).strip();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '=')) {
                throw notJwt("character " + (i + 1) + " is neither base64url nor '.'");
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length == 5) {
            throw invalid("encrypted token; cannot be decoded (a JWE of 5 segments: only the API it was made for can decrypt it)");
        }
        if (parts.length != 3) {
            throw notJwt("expected 3 segments separated by '.', found " + parts.length);
        }
        Map<String, Object> header = object(parts[0], "header");
        if (header.containsKey("enc")) {
            throw invalid("encrypted token; cannot be decoded (its header names an encryption, 'enc')");
        }
        if (!(header.get("alg") instanceof String alg) || alg.isBlank()) {
            throw notJwt("the header has no algorithm ('alg')");
        }
        if (alg.strip().equalsIgnoreCase("none")) {
            throw invalid("unsecured token (alg 'none') refused: anyone can write one; tokens from Entra ID are always signed");
        }
        if (parts[2].isEmpty()) {
            throw notJwt("the signature segment is empty");
        }
        int signatureLength = base64url(parts[2], "signature").length;
        Map<String, Object> claims = object(parts[1], "payload");
        for (String name : new String[] {"exp", "nbf", "iat"}) {
            Object value = claims.get(name);
            if (value != null && !(value instanceof Number)) {
                throw notJwt("claim '" + name + "' is not a number of seconds (NumericDate)");
            }
            if (value instanceof Number n && !(n.doubleValue() >= 0 && n.doubleValue() <= MAX_NUMERIC_DATE)) {
                throw notJwt("claim '" + name + "' is out of range (years 1970 to 9999)");
            }
        }
        return new Jwt(text, header, claims, signatureLength);
    }

    /** {@return the JOSE header, in its order} */
    public Map<String, Object> header() {
        return header;
    }

    /** {@return the claims, in their order} */
    public Map<String, Object> claims() {
        return claims;
    }

    /** {@return the signature algorithm ({@code alg})} */
    public String algorithm() {
        return (String) header.get("alg");
    }

    /** {@return the length of the signature in bytes} */
    public int signatureLength() {
        return signatureLength;
    }

    /**
     * @param name a claim
     * @return the claim as a string, when it is one
     */
    public Optional<String> string(String name) {
        return claims.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /**
     * @param name a NumericDate claim ({@code exp}, {@code nbf}, {@code iat})
     * @return its instant (fractions of a second dropped), when present
     */
    public Optional<Instant> time(String name) {
        return claims.get(name) instanceof Number n ? Optional.of(Instant.ofEpochSecond(n.longValue())) : Optional.empty();
    }

    /** {@return whether the header carries a {@code nonce}: Microsoft Graph's tokens, which only Graph can verify} */
    public boolean hasHeaderNonce() {
        return header.containsKey("nonce");
    }

    /** {@return the compact serialization, for signature checks; never printed} */
    String compact() {
        return compact;
    }

    @Override
    public String toString() {
        return "Jwt[alg=" + algorithm() + ", claims=" + claims.keySet() + ", token=***]";
    }

    private static Map<String, Object> object(String segment, String part) throws EntraAuthException {
        if (segment.isEmpty()) {
            throw notJwt("the " + part + " segment is empty");
        }
        byte[] bytes = base64url(segment, part);
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notJwt("the " + part + " is not UTF-8 text");
        }
        if (!json.stripLeading().startsWith("{")) {
            throw notJwt("the " + part + " is not a JSON object");
        }
        try {
            return JSON.readValue(json, OBJECT);
        } catch (JsonParseException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
            throw notJwt("the " + part + (duplicate ? " names a member twice" : " is not JSON") + where);
        } catch (JsonProcessingException e) {
            String why = e.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("constraints") ? ": nested too deeply or too large" : "";
            throw notJwt("the " + part + " is not JSON" + why);
        }
    }

    /** Base64url without padding (RFC 7515 §2); padding at the end is tolerated, as Microsoft's published samples carry it. */
    private static byte[] base64url(String segment, String part) throws EntraAuthException {
        String data = segment;
        int padding = 0;
        while (data.endsWith("=")) {
            data = data.substring(0, data.length() - 1);
            padding++;
        }
        if (data.indexOf('=') >= 0 || padding > 2 || (padding > 0 && segment.length() % 4 != 0) || data.length() % 4 == 1) {
            throw notJwt("the " + part + " is not valid base64url");
        }
        try {
            return Base64.getUrlDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw notJwt("the " + part + " is not valid base64url");
        }
    }

    private static EntraAuthException notJwt(String why) {
        return invalid("not a JWT: " + why);
    }

    private static EntraAuthException invalid(String message) {
        return new EntraAuthException(ExitCode.USAGE, message);
    }
}
