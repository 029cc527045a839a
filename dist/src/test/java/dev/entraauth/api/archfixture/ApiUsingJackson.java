package dev.entraauth.api.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.core.archfixture.CoreBreakingTheRules;

/** Test fixture: an api class that uses a library and forms a package cycle with the core fixture. */
public final class ApiUsingJackson {
    /** {@return a mapper, which the api must never need} */
    public ObjectMapper mapper() {
        return new ObjectMapper();
    }

    /** {@return the core fixture, closing a package cycle} */
    public CoreBreakingTheRules cycle() {
        return new CoreBreakingTheRules();
    }
}
