package dev.entraauth.storage.macos.internal;

/** The {@code OSStatus} codes of the Security framework the store treats specially ({@code SecBase.h}). */
final class OsStatus {
    static final int SUCCESS = 0;
    static final int USER_CANCELED = -128;
    static final int NOT_AVAILABLE = -25291;
    static final int AUTH_FAILED = -25293;
    static final int NO_SUCH_KEYCHAIN = -25294;
    static final int DUPLICATE_ITEM = -25299;
    static final int ITEM_NOT_FOUND = -25300;
    static final int NO_DEFAULT_KEYCHAIN = -25307;
    static final int INTERACTION_NOT_ALLOWED = -25308;
    static final int MISSING_ENTITLEMENT = -34018;

    private OsStatus() {
    }

    /**
     * @param status an {@code OSStatus} other than success
     * @return what it means for the user and what to do, in a few words
     */
    static String meaning(int status) {
        return switch (status) {
            case INTERACTION_NOT_ALLOWED -> "the Keychain is locked and macOS may not ask to unlock it here (an SSH session or CI);"
                    + " unlock it with 'security unlock-keychain' (it asks for the password) or choose another store with --store";
            case AUTH_FAILED -> "the Keychain refused access (wrong Keychain password, or access denied at the prompt);"
                    + " run again and allow entra-auth-cli, or unlock the Keychain first";
            case USER_CANCELED -> "access to the Keychain was cancelled at the prompt";
            case NO_SUCH_KEYCHAIN, NO_DEFAULT_KEYCHAIN -> "there is no default Keychain; create or select one in Keychain Access";
            case NOT_AVAILABLE -> "no Keychain is available to this process";
            case MISSING_ENTITLEMENT -> "this process is not entitled to use that Keychain";
            default -> "the Keychain answered OSStatus " + status;
        };
    }
}
