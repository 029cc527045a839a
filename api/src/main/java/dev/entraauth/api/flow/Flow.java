package dev.entraauth.api.flow;

import dev.entraauth.api.profile.Profile;
import java.util.Set;

/**
 * One OAuth2 grant, found with {@link java.util.ServiceLoader}. Implementations have a public
 * no-argument constructor that does no I/O.
 */
public interface Flow {

    /** {@return the canonical name, unique among flows, such as {@code ClientCredentials}} */
    String name();

    /**
     * Other spellings users may type; matching ignores case, '-' and '_' in any case.
     *
     * @return the aliases, such as {@code auth-code}
     */
    default Set<String> aliases() {
        return Set.of();
    }

    /** {@return one line describing the flow for {@code plugins} and help} */
    String description();

    /**
     * Whether this flow can acquire a token for the profile (for example a confidential client for client
     * credentials). Used to infer a flow and to explain refusals before any network call.
     *
     * @param profile the profile
     * @return whether {@link #acquire} may be called with it
     */
    boolean canServe(Profile profile);

    /**
     * Acquires a token, from the flow's cache when it is valid and the request allows it.
     *
     * @param request what to acquire
     * @param context what the flow may use
     * @return the token
     * @throws AuthException when the token cannot be acquired
     */
    TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException;
}
