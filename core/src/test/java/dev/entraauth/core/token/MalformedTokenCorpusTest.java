package dev.entraauth.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.testkit.MalformedTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BI1 at the decoder: a generated corpus of malformed tokens, each refused with a usage error that quotes nothing. */
class MalformedTokenCorpusTest {

    @Test
    void everyMalformedTokenOfTheCorpusIsAUsageErrorOfOneLineThatNeverQuotesIt() {
        List<MalformedTokens.Entry> corpus = MalformedTokens.corpus();
        assertTrue(corpus.size() >= 200, "the corpus has " + corpus.size() + " entries");
        List<String> problems = new ArrayList<>();

        for (MalformedTokens.Entry entry : corpus) {
            try {
                Jwt jwt = Jwt.decode(entry.token());
                problems.add(entry.name() + ": decoded as " + jwt);
            } catch (EntraAuthException e) {
                if (e.exitCode() != ExitCode.USAGE) {
                    problems.add(entry.name() + ": exit code " + e.exitCode());
                }
                if (e.getMessage().contains("\n") || e.getMessage().contains("\r")) {
                    problems.add(entry.name() + ": more than one line");
                }
                if (quotes(e.getMessage(), entry.token())) {
                    problems.add(entry.name() + ": the message quotes the input: " + e.getMessage());
                }
            } catch (RuntimeException | Error e) {
                problems.add(entry.name() + ": uncaught " + e);
            }
        }

        assertEquals(List.of(), problems);
    }

    @Test
    void randomMutationsOfAValidTokenEitherDecodeOrAreUsageErrorsNeverAnotherException() {
        Random random = new Random(7519);
        String valid = MalformedTokens.wellFormed();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ {}\"\\\u0000\u00ff";
        int refused = 0;
        for (int i = 0; i < 2000; i++) {
            StringBuilder token = new StringBuilder(valid);
            for (int m = 0; m < 1 + random.nextInt(4); m++) {
                int at = random.nextInt(token.length());
                switch (random.nextInt(3)) {
                    case 0 -> token.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> token.deleteCharAt(at);
                    default -> token.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                Jwt.decode(token.toString());
            } catch (EntraAuthException e) {
                assertEquals(ExitCode.USAGE, e.exitCode(), e.getMessage());
                assertFalse(quotes(e.getMessage(), token.toString()), e.getMessage());
                refused++;
            } catch (RuntimeException e) {
                fail("mutation " + i + " threw " + e);
            }
        }
        assertTrue(refused > 1000, "most mutations break the token: " + refused);
    }

    /** Whether a message holds any 6-character window of the token's segments (short inputs are checked whole). */
    static boolean quotes(String message, String token) {
        for (String segment : token.split("\\.")) {
            String s = segment.strip();
            if (s.length() >= 6) {
                for (int i = 0; i + 6 <= s.length(); i += 3) {
                    if (message.contains(s.substring(i, i + 6))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
