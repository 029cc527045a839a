package dev.entraauth.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PlainJsonReader} against jackson-core, the parser whose reading it must never contradict: what it accepts,
 * Jackson reads as the same tokens and values; what it refuses is outside its subset (then Jackson decides).
 */
class PlainJsonReaderTest {
    private static final JsonFactory JACKSON = JsonFactory.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "[]",
            " { \"a\" : \"b\" } ",
            "{\"schemaVersion\":1,\"profiles\":[]}",
            "{\n  \"schemaVersion\" : 1,\n  \"profiles\" : [ {\n    \"name\" : \"ci\",\n    \"scopes\" : [ \"x\", \"y\" ]\n  } ]\n}\n",
            "{\"a\":{\"b\":{\"c\":[[],[{}],\"d\"]}},\"e\":0}",
            "{\"naïve\":\"日本語 ✓ 😀\"}",
            "{\"a\":\"b\",\"a\":\"c\"}",
            "\t[\r\n\"x\"\t,\"y\"]",
            "{\"n\":123456789}",
            "\"alone\"",
            "7",
            "[[[[[[[[[[[[[[[[\"sixteen deep\"]]]]]]]]]]]]]]]]",
            "{\"del\":\"\u007f\",\"c1\":\"\u0085\"}",
    })
    void acceptsOnlyWhatJacksonReadsAlike(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(jackson(bytes), plain(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "{",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":\"b\",}",
            "[\"a\",]",
            "[,]",
            "{,\"a\":\"b\"}",
            "{\"a\" \"b\"}",
            "[\"a\" \"b\"]",
            "{\"a\":\"b\"}}",
            "{\"a\":\"b\"} x",
            "{} {}",
            "[}",
            "{]",
            "{\"a\":[}",
            "{\"a\":\"b\\\"c\"}",
            "{\"a\":\"\\u0041\"}",
            "{\"a\":\"tab\there\"}",
            "{\"a\":true}",
            "{\"a\":null}",
            "{\"a\":false}",
            "{\"a\":-1}",
            "{\"a\":1.5}",
            "{\"a\":1e3}",
            "{\"a\":01}",
            "{\"a\":1234567890}",
            "{\"a\":1x}",
            "{'a':'b'}",
            "{a:\"b\"}",
            "{\"a\":\"b\" /* comment */}",
            "[[[[[[[[[[[[[[[[[\"too deep\"]]]]]]]]]]]]]]]]]",
            "00",
            "-0",
            "1x",
            "{\"a\":",
            "{\"a\":\"b\",",
            "[\"a\",",
            "{\"a\":\"unterminated}",
            "{\u000b\"a\":\"b\"}",
            "{\u000c\"a\":\"b\"}",
            "{\u00a0\"a\":\"b\"}",
    })
    void refusesEverythingOutsideItsSubset(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThrows(PlainJsonReader.Unsupported.class, () -> plain(bytes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"efbbbf7b7d", "7b2261223a22c3227d", "7b2261223a22ed a080227d", "7b2261223a22c0af227d",
            "007b007d", "7b2261223a2200227d", "7b2261223a2280227d", "7b2261223a22e282227d", "7b2261223a22f4908080227d"})
    void refusesByteOrderMarksMalformedUtf8AndOtherEncodings(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
        assertThrows(PlainJsonReader.Unsupported.class, () -> plain(bytes));
    }

    /** The tokens and values of a document as PlainJsonReader reads it. */
    private static List<String> plain(byte[] bytes) {
        PlainJsonReader reader = new PlainJsonReader(bytes);
        List<String> tokens = new ArrayList<>();
        PlainJsonReader.Token token;
        while ((token = reader.nextToken()) != null) {
            tokens.add(switch (token) {
                case FIELD_NAME -> "name:" + reader.text();
                case STRING -> "string:" + reader.text();
                case INT -> "int:" + reader.intValue();
                default -> token.name();
            });
        }
        return tokens;
    }

    /** The same, as jackson-core reads it (the whole input, as ProfileFastReader requires). */
    private static List<String> jackson(byte[] bytes) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (JsonParser parser = JACKSON.createParser(bytes)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                tokens.add(switch (token) {
                    case FIELD_NAME -> "name:" + parser.currentName();
                    case VALUE_STRING -> "string:" + parser.getText();
                    case VALUE_NUMBER_INT -> "int:" + parser.getIntValue();
                    default -> token.name();
                });
            }
        }
        return tokens;
    }
}
