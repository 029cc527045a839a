package dev.entraauth.storage.windows.internal;

/**
 * The two DPAPI calls the store needs, for the current Windows user. The store reaches the operating system
 * only through this interface, so its file logic is tested on any OS with a stand-in.
 */
interface Dpapi {

    /**
     * @param plaintext the bytes to encrypt
     * @param entropy   application-specific entropy; the same bytes are needed to decrypt
     * @return the DPAPI blob
     * @throws DpapiException when DPAPI refuses
     */
    byte[] protect(byte[] plaintext, byte[] entropy) throws DpapiException;

    /**
     * @param blob    a blob from {@link #protect}
     * @param entropy the entropy it was protected with
     * @return the plaintext; the caller clears it
     * @throws DpapiException when the blob was protected by another user or machine, with other entropy, or is damaged
     */
    byte[] unprotect(byte[] blob, byte[] entropy) throws DpapiException;

    /** DPAPI refused; the message is the system's, and never contains data. */
    final class DpapiException extends Exception {
        private static final long serialVersionUID = 1L;

        DpapiException(String message, Throwable cause) {
            super(message, cause);
        }

        DpapiException(String message) {
            super(message);
        }
    }
}
