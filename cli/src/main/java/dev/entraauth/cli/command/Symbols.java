package dev.entraauth.cli.command;

import dev.entraauth.core.text.Marks;
import java.nio.charset.Charset;

/** The marks the product documents show (✓, ⟳, ⚠), with ASCII stand-ins where the terminal cannot show them. */
final class Symbols {
    private Symbols() {
    }

    static String check(Charset charset) {
        return Marks.pick('✓', "OK:", charset);
    }

    static String check() {
        return Marks.check();
    }
}
