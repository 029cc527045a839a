package dev.entraauth.core.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's token cache never answers one identity's token for another (review of the managed identity work). */
class AccessTokenCacheIdentityTest {
    private static final List<String> SCOPES = List.of("https://management.azure.com/.default");

    @Test
    void systemAssignedAndEachUserAssignedIdentityHaveTheirOwnCacheEntry() {
        Profile system = Profile.builder("mi").authMethod(AuthMethod.ManagedIdentity).build();
        Profile byObjectId = system.toBuilder().managedIdentityId("9a1b2c3d-0000-4000-8000-000000000001").build();
        Profile otherObjectId = system.toBuilder().managedIdentityId("9a1b2c3d-0000-4000-8000-000000000002").build();

        String systemKey = AccessTokenCache.key(system, "ManagedIdentity", SCOPES);

        assertNotEquals(systemKey, AccessTokenCache.key(byObjectId, "ManagedIdentity", SCOPES));
        assertNotEquals(AccessTokenCache.key(byObjectId, "ManagedIdentity", SCOPES),
                AccessTokenCache.key(otherObjectId, "ManagedIdentity", SCOPES));
        assertEquals(systemKey, AccessTokenCache.key(system, "ManagedIdentity", SCOPES), "the key is stable");
    }

    @Test
    void federatedProfilesWithAnotherTokenFileHaveTheirOwnCacheEntry() {
        Profile one = Profile.builder("wif").tenantId("contoso.onmicrosoft.com").clientId("11111111-2222-3333-4444-555555555555")
                .authMethod(AuthMethod.FederatedToken).federatedTokenFile("/var/run/secrets/a/token").build();
        Profile other = one.toBuilder().federatedTokenFile("/var/run/secrets/b/token").build();

        assertNotEquals(AccessTokenCache.key(one, "ClientCredentials", SCOPES), AccessTokenCache.key(other, "ClientCredentials", SCOPES));
        assertTrue(AccessTokenCache.key(one, "ClientCredentials", SCOPES).matches("[0-9a-f]{64}"));
    }
}
