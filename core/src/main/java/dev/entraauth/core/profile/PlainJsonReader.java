package dev.entraauth.core.profile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A pull reader of the plain JSON that this build writes into {@code profiles.json}: objects, arrays, strings without
 * escapes and small non-negative integers, in UTF-8. It is {@link ProfileFastReader}'s tokenizer on the cached-token
 * path, and it exists for one measured reason: every jackson-core parser initialises {@code BigDecimal}, whose class
 * initialisation on JDK 25 computes 5<sup>65536</sup> — 30–60 ms of the cached path's CPU (docs/performance.md).
 *
 * <p>It never decides what the file means when it is not certain: anything outside that subset — an escape, a
 * control character, {@code true}/{@code false}/{@code null}, a fraction or exponent, a byte-order mark, malformed
 * UTF-8 or malformed JSON — throws {@link Unsupported}, and the caller then leaves the file to Jackson's data binding
 * ({@link ProfileRepository}), which reads it or reports it. What it accepts is valid JSON read exactly as Jackson
 * reads it.
 */
final class PlainJsonReader {
    /** The tokens of the subset. */
    enum Token {
        START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME, STRING, INT
    }

    /** The input is outside the subset this reader is certain of. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String what, int at) {
            super(what + " at byte " + at, null, false, false);
        }
    }

    private static final int MAX_DEPTH = 16;

    private final byte[] in;
    private int at;
    /** The open containers, innermost last: true for an object. */
    private final boolean[] objects = new boolean[MAX_DEPTH];
    private int depth;
    /** Whether the innermost container (or the document) already holds a value, so the next needs a comma. */
    private boolean afterValue;
    /** Inside an object: whether the next token is a value (a name and a colon were read). */
    private boolean expectValue;
    private boolean rootDone;
    private Token current;
    private String text;
    private int number;

    PlainJsonReader(byte[] in) {
        this.in = in;
    }

    /** {@return the next token, or {@code null} at the end of a complete document} */
    Token nextToken() {
        skipWhitespace();
        if (at == in.length) {
            if (depth != 0 || !rootDone) {
                throw new Unsupported("unexpected end", at);
            }
            return current = null;
        }
        if (rootDone && depth == 0) {
            throw new Unsupported("content after the document", at);
        }
        byte b = in[at];
        boolean inObject = depth > 0 && objects[depth - 1];
        if ((b == '}' && inObject && !expectValue) || (b == ']' && depth > 0 && !inObject)) {
            at++;
            depth--;
            // "{}" and "[]" are fine; "[1,]" is not: a close needs no comma but may not follow one
            afterValue = true;
            expectValue = false;
            rootDone = depth == 0;
            return current = b == '}' ? Token.END_OBJECT : Token.END_ARRAY;
        }
        if (afterValue && depth > 0) {
            if (b != ',') {
                throw new Unsupported("expected a comma", at);
            }
            at++;
            skipWhitespace();
            if (at == in.length || in[at] == '}' || in[at] == ']') {
                throw new Unsupported("a comma before a close", at);
            }
            b = in[at];
        }
        if (inObject && !expectValue) {
            text = string();
            skipWhitespace();
            if (at == in.length || in[at] != ':') {
                throw new Unsupported("expected a colon", at);
            }
            at++;
            expectValue = true;
            afterValue = false;
            return current = Token.FIELD_NAME;
        }
        expectValue = false;
        Token token;
        if (b == '{' || b == '[') {
            if (depth == MAX_DEPTH) {
                throw new Unsupported("nested too deep", at);
            }
            at++;
            objects[depth++] = b == '{';
            afterValue = false;
            return current = b == '{' ? Token.START_OBJECT : Token.START_ARRAY;
        } else if (b == '"') {
            text = string();
            token = Token.STRING;
        } else if (b >= '0' && b <= '9') {
            number = integer();
            token = Token.INT;
        } else {
            throw new Unsupported("a value outside the plain subset", at);
        }
        afterValue = true;
        rootDone = depth == 0;
        return current = token;
    }

    /** {@return the last token read} */
    Token currentToken() {
        return current;
    }

    /** {@return the text of the last name or string read} */
    String text() {
        return text;
    }

    /** {@return the value of the last integer read} */
    int intValue() {
        return number;
    }

    private void skipWhitespace() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) {
            at++;
        }
    }

    private String string() {
        if (at == in.length || in[at] != '"') {
            throw new Unsupported("expected a string", at);
        }
        int start = ++at;
        while (at < in.length && in[at] != '"') {
            if (in[at] == '\\' || (in[at] >= 0 && in[at] < 0x20)) {
                throw new Unsupported("an escape or a control character", at);
            }
            at++;
        }
        if (at == in.length) {
            throw new Unsupported("an unterminated string", start);
        }
        int end = at++;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, start, end - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Unsupported("malformed UTF-8", start);
        }
    }

    private int integer() {
        int start = at;
        while (at < in.length && in[at] >= '0' && in[at] <= '9') {
            at++;
        }
        int length = at - start;
        if (length > 9 || (length > 1 && in[start] == '0')) {
            throw new Unsupported("a number outside the plain subset", start);
        }
        if (at < in.length && (in[at] == '.' || in[at] == 'e' || in[at] == 'E' || in[at] == '-' || in[at] == '+')) {
            throw new Unsupported("a number outside the plain subset", start);
        }
        return Integer.parseInt(new String(in, start, length, StandardCharsets.US_ASCII));
    }
}
