package dev.entraauth.storage.macos.internal;

import java.util.List;

/**
 * The Keychain calls the store needs, on generic-password items named by service and account. Each returns the
 * Security framework's {@code OSStatus} ({@code errSecSuccess} = 0) instead of throwing, so the store's mapping
 * of every status is tested on any OS with an in-memory stand-in.
 */
interface Keychain {

    /** {@code SecItemAdd} of a generic password. */
    int add(String service, String account, String label, byte[] data);

    /** {@code SecItemUpdate} of the data of an existing item. */
    int update(String service, String account, byte[] data);

    /** {@code SecItemCopyMatching} with {@code kSecReturnData}, one match. */
    Result<byte[]> find(String service, String account);

    /** {@code SecItemDelete} of one item. */
    int delete(String service, String account);

    /** {@code SecItemCopyMatching} with {@code kSecMatchLimitAll} and {@code kSecReturnAttributes}: the accounts of a service. */
    Result<List<String>> accounts(String service);

    /**
     * @param status an {@code OSStatus}
     * @return the system's text for it ({@code SecCopyErrorMessageString}), or {@code null}
     */
    String describe(int status);

    /**
     * @param status the {@code OSStatus}
     * @param value  the value when the status is {@code errSecSuccess}, else {@code null}
     * @param <T>    the value's type
     */
    record Result<T>(int status, T value) {
    }
}
