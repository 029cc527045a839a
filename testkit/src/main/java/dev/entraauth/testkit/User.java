package dev.entraauth.testkit;

import java.time.Instant;

/** A user of an emulated tenant. */
public final class User {
    private final String objectId;
    private final String username;
    private volatile String password;
    private final String displayName;
    private volatile boolean mfaRequired;
    private volatile Instant passwordChangedAt = Instant.EPOCH;

    User(String objectId, String username, String password, String displayName) {
        this.objectId = objectId;
        this.username = username;
        this.password = password;
        this.displayName = displayName;
    }

    /** {@return the object id} */
    public String objectId() {
        return objectId;
    }

    /** {@return the sign-in name} */
    public String username() {
        return username;
    }

    /** {@return the password} */
    public String password() {
        return password;
    }

    /** {@return the display name} */
    public String displayName() {
        return displayName;
    }

    /**
     * Makes silent and refresh-token requests for this user fail with AADSTS50076 (MFA required).
     *
     * @param required whether MFA is required
     * @return this user
     */
    public User requireMfa(boolean required) {
        this.mfaRequired = required;
        return this;
    }

    boolean mfaRequired() {
        return mfaRequired;
    }

    /**
     * Changes the password: refresh tokens issued before now fail with AADSTS50173.
     *
     * @param newPassword the new password
     * @return this user
     */
    public User changePassword(String newPassword) {
        this.password = newPassword;
        this.passwordChangedAt = Instant.now();
        return this;
    }

    Instant passwordChangedAt() {
        return passwordChangedAt;
    }
}
