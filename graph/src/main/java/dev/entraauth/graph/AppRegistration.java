package dev.entraauth.graph;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An application registration as {@code discover} lists it.
 *
 * @param objectId        the application object's id (what {@code addPassword} is called on)
 * @param clientId        its application (client) id
 * @param displayName     its name
 * @param created         when it was created, if Graph says
 * @param publisherDomain its publisher domain, if any
 * @param identifierUris  its identifier URIs ({@code api://…}), possibly none
 */
public record AppRegistration(String objectId, String clientId, String displayName, Optional<Instant> created,
                              Optional<String> publisherDomain, List<String> identifierUris) {
    /** Copies the lists. */
    public AppRegistration {
        identifierUris = List.copyOf(identifierUris);
    }
}
