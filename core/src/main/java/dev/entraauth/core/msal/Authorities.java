package dev.entraauth.core.msal;

import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Profile;

/** The msal authority URL of a profile: {@code https://<authority host>/<tenant>/}, https only. */
public final class Authorities {
    private Authorities() {
    }

    /**
     * @param profile a profile
     * @return its authority, ending with '/'
     */
    public static String of(Profile profile) {
        return profile.effectiveAuthorityHost() + "/" + profile.tenantId() + "/";
    }

    /**
     * A custom authority host (the emulator, a private cloud) has no instance metadata at Microsoft, so msal
     * must neither validate it nor run instance discovery against it.
     *
     * @param profile a profile
     * @return whether the authority is one of Microsoft's known clouds
     */
    public static boolean isKnownCloud(Profile profile) {
        return profile.cloud() != Cloud.Custom && Cloud.isMicrosoftAuthorityHost(profile.effectiveAuthorityHost());
    }
}
