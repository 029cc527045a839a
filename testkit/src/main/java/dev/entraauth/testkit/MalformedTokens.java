package dev.entraauth.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * A generated corpus of inputs that are not signed JWTs, for the bad-input tests of {@code inspect} and
 * {@code discover} (SECURITY-CHECKLIST BI1): wrong segment counts, characters outside base64url, bad base64url,
 * parts that are not JSON objects (or not UTF-8, nested too deeply, with a name twice), {@code alg: none},
 * missing or odd algorithms, JWEs, empty segments, time claims that are not NumericDates, and inputs over 64 KB.
 * Every entry must be refused; the generation is deterministic (a fixed seed), so a failure can be replayed.
 */
public final class MalformedTokens {
    /** A well-formed header: {@code {"typ":"JWT","alg":"RS256","kid":"k1"}}. */
    public static final String HEADER = b64("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"k1\"}");
    /** Well-formed claims with an {@code exp}. */
    public static final String PAYLOAD = b64("{\"aud\":\"api://x\",\"iss\":\"https://sts.windows.net/t/\",\"exp\":1900000000}");
    /** A 256-byte signature's worth of base64url. */
    public static final String SIGNATURE = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[256]);

    /**
     * One corpus entry.
     *
     * @param name  what is wrong with it
     * @param token the input
     */
    public record Entry(String name, String token) {
        @Override
        public String toString() {
            return name;
        }
    }

    private MalformedTokens() {
    }

    /** {@return a well-formed (unsigned-by-anyone, but decodable) token the corpus is made from} */
    public static String wellFormed() {
        return HEADER + "." + PAYLOAD + "." + SIGNATURE;
    }

    /**
     * @param text text
     * @return its UTF-8 bytes in base64url without padding
     */
    public static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param bytes bytes
     * @return them in base64url without padding
     */
    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@return the corpus: more than 200 inputs, each one malformed} */
    public static List<Entry> corpus() {
        List<Entry> all = new ArrayList<>();
        Random random = new Random(7515);
        String valid = wellFormed();

        // segment counts
        for (int dots = 0; dots <= 8; dots++) {
            if (dots == 2) {
                continue;
            }
            StringBuilder token = new StringBuilder(HEADER);
            String[] more = {PAYLOAD, SIGNATURE, SIGNATURE, SIGNATURE, SIGNATURE, SIGNATURE, SIGNATURE, SIGNATURE};
            for (int i = 0; i < dots; i++) {
                token.append('.').append(more[i]);
            }
            all.add(new Entry((dots + 1) + " segments", token.toString()));
        }
        all.add(new Entry("only dots", ".."));
        all.add(new Entry("four dots", "...."));
        all.add(new Entry("empty header", "." + PAYLOAD + "." + SIGNATURE));
        all.add(new Entry("empty payload", HEADER + ".." + SIGNATURE));
        all.add(new Entry("empty signature", HEADER + "." + PAYLOAD + "."));
        all.add(new Entry("blank", "   "));
        all.add(new Entry("empty", ""));
        all.add(new Entry("a JWE (RFC 7516 A.3 shape)", b64("{\"alg\":\"A128KW\",\"enc\":\"A128CBC-HS256\"}") + ".6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ"
                + ".AxY8DCtDaGlsbGljb3RoZQ.KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ"));
        all.add(new Entry("a JWE with an empty key", b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}") + "..iv.ciphertext.tag"));
        all.add(new Entry("JWE header in 3 segments", b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + "." + PAYLOAD + "." + SIGNATURE));

        // characters outside base64url, at random places of a valid token
        String bad = " \t\n\r+/!\"#$%&'()*,:;<>?@[\\]^`{|}~\u0000\u001b\u007f\u00e9\u2028\ud83d\ude00";
        for (int i = 0; i < bad.length(); i++) {
            char c = bad.charAt(i);
            if (Character.isHighSurrogate(c)) {
                continue;
            }
            String ch = Character.isLowSurrogate(c) ? bad.substring(i - 1, i + 1) : String.valueOf(c);
            int at = 1 + random.nextInt(valid.length() - 2);
            all.add(new Entry("character U+" + Integer.toHexString(ch.codePointAt(0)) + " inside", valid.substring(0, at) + ch + valid.substring(at)));
        }

        // bad base64url
        all.add(new Entry("header of 4k+1 characters", HEADER + "A." + PAYLOAD + "." + SIGNATURE));
        all.add(new Entry("payload of 4k+1 characters", HEADER + "." + PAYLOAD + (PAYLOAD.length() % 4 == 0 ? "A" : PAYLOAD.length() % 4 == 1 ? "" : PAYLOAD.length() % 4 == 2 ? "AAA" : "AA") + "." + SIGNATURE));
        all.add(new Entry("signature of 4k+1 characters", HEADER + "." + PAYLOAD + ".AAAAA"));
        all.add(new Entry("padding inside the header", HEADER.substring(0, 4) + "=" + HEADER.substring(4) + "." + PAYLOAD + "." + SIGNATURE));
        all.add(new Entry("three padding characters", HEADER + "===." + PAYLOAD + "." + SIGNATURE));
        all.add(new Entry("padding on a complete group", b64("{\"alg\":\"RS256\"}x") + "====." + PAYLOAD + "." + SIGNATURE));
        all.add(new Entry("only padding", "====." + PAYLOAD + "." + SIGNATURE));

        // headers and payloads that are not JSON objects
        String[] notObjects = {"[]", "[1,2]", "\"text\"", "42", "true", "null", "", " ", "{", "}", "{\"alg\":}", "{\"alg\":\"RS256\"",
                "{\"alg\":\"RS256\"}}", "{\"alg\":\"RS256\"} {}", "{'alg':'RS256'}", "{alg:RS256}", "{\"alg\":\"RS256\",}",
                "{\"alg\":\"RS256\" \"typ\":\"JWT\"}", "{\"alg\":\"RS256\",\"alg\":\"none\"}", "{\"alg\":\"RS256\"}garbage",
                "\uFEFF{\"alg\":\"RS256\"}", "{\"alg\":NaN}", "{\"a\":01}", "{\"a\":\"\\x41\"}", "{\"a\":\"unterminated}",
                "<xml/>", "alg=RS256", "{\"a\":[1,2}", "{\"a\":{\"b\":}}", "{\"a\":tru}"};
        for (String json : notObjects) {
            all.add(new Entry("header " + printable(json), b64(json) + "." + PAYLOAD + "." + SIGNATURE));
            String payload = json.replace("alg", "aud");
            all.add(new Entry("payload " + printable(payload), HEADER + "." + b64(payload) + "." + SIGNATURE));
        }
        all.add(new Entry("header nested 5000 deep", b64("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}") + "." + PAYLOAD + "." + SIGNATURE));
        all.add(new Entry("payload nested 5000 deep", HEADER + "." + b64("{\"a\":" + "{\"b\":".repeat(5000) + "1" + "}".repeat(5001)) + "." + SIGNATURE));
        for (int i = 0; i < 12; i++) {
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            junk[0] = (byte) (0x80 | junk[0]);
            all.add(new Entry("header of random bytes #" + i, b64(junk) + "." + PAYLOAD + "." + SIGNATURE));
            all.add(new Entry("payload of random bytes #" + i, HEADER + "." + b64(junk) + "." + SIGNATURE));
        }
        all.add(new Entry("header not UTF-8", b64(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}) + "." + PAYLOAD + "." + SIGNATURE));
        all.add(new Entry("payload with a lone surrogate", HEADER + "." + b64(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}) + "." + SIGNATURE));

        // algorithms
        for (String alg : new String[] {"none", "None", "NONE", " none", "none "}) {
            all.add(new Entry("alg '" + alg + "'", b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + PAYLOAD + "." + SIGNATURE));
            all.add(new Entry("alg '" + alg + "' without signature", b64("{\"alg\":\"" + alg + "\"}") + "." + PAYLOAD + "."));
        }
        for (String header : new String[] {"{}", "{\"typ\":\"JWT\"}", "{\"alg\":\"\"}", "{\"alg\":\"  \"}", "{\"alg\":256}", "{\"alg\":null}",
                "{\"alg\":[\"RS256\"]}", "{\"alg\":{\"name\":\"RS256\"}}", "{\"alg\":true}"}) {
            all.add(new Entry("header " + header, b64(header) + "." + PAYLOAD + "." + SIGNATURE));
        }

        // time claims that are not NumericDates
        for (String claim : new String[] {"exp", "nbf", "iat"}) {
            for (String value : new String[] {"\"1900000000\"", "\"tomorrow\"", "[1900000000]", "{}", "true", "-1", "1e300",
                    "253402300800", "99999999999999999999999"}) {
                all.add(new Entry(claim + " = " + value, HEADER + "." + b64("{\"" + claim + "\":" + value + "}") + "." + SIGNATURE));
            }
        }

        // too long
        all.add(new Entry("64 KB + 1 of base64url", "A".repeat(64 * 1024 + 1)));
        String padded = b64("{\"alg\":\"RS256\",\"pad\":\"" + "x".repeat(50_000) + "\"}");
        all.add(new Entry("a token over 64 KB", padded + "." + PAYLOAD + "." + SIGNATURE));
        all.add(new Entry("a well-formed token repeated past 64 KB", (valid + ".").repeat(64 * 1024 / valid.length() + 1)));

        // random truncations and corruptions of the header and payload that break them
        for (int i = 0; i < 30; i++) {
            int cut = 1 + random.nextInt(HEADER.length() - 2);
            String header = HEADER.substring(0, cut);
            if (header.length() % 4 == 1) {
                header = header + "A";
            }
            all.add(new Entry("header cut at " + cut, header + "." + PAYLOAD + "." + SIGNATURE));
        }
        return List.copyOf(all);
    }

    private static String printable(String json) {
        StringBuilder out = new StringBuilder();
        for (char c : json.toCharArray()) {
            out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : c);
        }
        return out.toString();
    }
}
