package dev.entraauth.core.msal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** LB4 and LB3's state: lengths, alphabet, the S256 relation, uniqueness, constant-time comparison. */
class PkceTest {
    @Test
    void theVerifierAndStateAre43UnreservedCharactersAndTheChallengeIsTheirS256() {
        Pkce pkce = Pkce.create();

        assertTrue(pkce.verifier().matches("[A-Za-z0-9_-]{43}"), pkce.verifier());
        assertTrue(pkce.state().matches("[A-Za-z0-9_-]{43}"), pkce.state());
        // RFC 7636 Appendix B's example pair
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        assertEquals(Pkce.challenge(pkce.verifier()), pkce.challenge());
    }

    @Test
    void everyRequestGetsNewValuesAndTheVerifierStaysOutOfToString() {
        Pkce a = Pkce.create();
        Pkce b = Pkce.create();

        assertNotEquals(a.verifier(), b.verifier());
        assertNotEquals(a.state(), b.state());
        assertFalse(a.toString().contains(a.verifier()) || a.toString().contains(a.state()), a.toString());
    }

    @Test
    void onlyTheExactStateMatches() {
        Pkce pkce = Pkce.create();

        assertTrue(pkce.stateMatches(pkce.state()));
        assertFalse(pkce.stateMatches(null));
        assertFalse(pkce.stateMatches(""));
        assertFalse(pkce.stateMatches(pkce.state() + "x"));
        assertFalse(pkce.stateMatches(Pkce.create().state()));
    }
}
