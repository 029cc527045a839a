package dev.entraauth.cli.command;

import java.nio.charset.Charset;

/** The marks the product documents show (✓, ⟳, ⚠), with ASCII stand-ins where the terminal cannot show them. */
final class Symbols {
    private Symbols() {
    }

    static String check(Charset charset) {
        return charset.newEncoder().canEncode('✓') ? "✓" : "OK:";
    }

    static String check() {
        return check(Charset.forName(System.getProperty("stderr.encoding", Charset.defaultCharset().name()), Charset.defaultCharset()));
    }
}
