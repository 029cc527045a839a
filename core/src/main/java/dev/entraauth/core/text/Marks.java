package dev.entraauth.core.text;

import java.nio.charset.Charset;

/**
 * The marks the product documents show on stderr (✓, ⟳, ⏳, ⚠), with ASCII stand-ins when stderr's encoding
 * cannot carry them, so a message never turns into question marks in a C-locale CI log.
 */
public final class Marks {
    private Marks() {
    }

    /** {@return ✓ or "OK:"} */
    public static String check() {
        return pick('✓', "OK:");
    }

    /** {@return ⟳ or "..."} */
    public static String refresh() {
        return pick('⟳', "...");
    }

    /** {@return ⏳ or "..."} */
    public static String waiting() {
        return pick('⏳', "...");
    }

    /** {@return ⚠ or "!"} */
    public static String warning() {
        return pick('⚠', "!");
    }

    /**
     * @param mark a character such as a box-drawing line
     * @return whether stderr's encoding can carry it
     */
    public static boolean canShow(char mark) {
        return stderrCharset().newEncoder().canEncode(mark);
    }

    /**
     * @param mark  the mark
     * @param ascii its stand-in
     * @param charset the encoding of the stream it goes to
     * @return the mark when the encoding can carry it
     */
    public static String pick(char mark, String ascii, Charset charset) {
        return charset.newEncoder().canEncode(mark) ? String.valueOf(mark) : ascii;
    }

    private static String pick(char mark, String ascii) {
        return pick(mark, ascii, stderrCharset());
    }

    private static Charset stderrCharset() {
        try {
            return Charset.forName(System.getProperty("stderr.encoding", Charset.defaultCharset().name()), Charset.defaultCharset());
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
