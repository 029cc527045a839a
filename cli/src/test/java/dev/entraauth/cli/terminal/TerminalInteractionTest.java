package dev.entraauth.cli.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What reaches standard error in silent mode: warnings and notices (a sign-in code), not messages. */
class TerminalInteractionTest {

    @Test
    void silentModeHidesMessagesButNotNoticesOrWarnings() {
        StringWriter err = new StringWriter();
        TerminalInteraction interaction = new TerminalInteraction(Terminal.NONE, new PrintWriter(err), true, false);

        interaction.info("Token expires: soon");
        interaction.notice("and enter the code: ABCD-1234");
        interaction.warn("enter the code only if you started this sign-in yourself");

        assertEquals("and enter the code: ABCD-1234%nWarning: enter the code only if you started this sign-in yourself%n".formatted(),
                err.toString());
    }

    @Test
    void withoutSilentModeEveryMessageIsShown() {
        StringWriter err = new StringWriter();
        TerminalInteraction interaction = new TerminalInteraction(Terminal.NONE, new PrintWriter(err), false, false);

        interaction.info("Device Code Authentication");
        interaction.notice("Code: ABCD-1234");

        assertEquals("Device Code Authentication%nCode: ABCD-1234%n".formatted(), err.toString());
    }
}
