package dev.entraauth.storage.windows.internal;

import com.sun.jna.platform.win32.Crypt32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinCrypt;

/**
 * DPAPI through jna-platform's {@link Crypt32Util}: {@code CryptProtectData}/{@code CryptUnprotectData} for the
 * current user (never {@code CRYPTPROTECT_LOCAL_MACHINE}), without any UI ({@code CRYPTPROTECT_UI_FORBIDDEN}).
 * Only loaded on Windows: {@link DpapiFileStore#open} creates it there.
 */
final class Crypt32Dpapi implements Dpapi {

    @Override
    public byte[] protect(byte[] plaintext, byte[] entropy) throws DpapiException {
        try {
            return Crypt32Util.cryptProtectData(plaintext, entropy, WinCrypt.CRYPTPROTECT_UI_FORBIDDEN, "entra-auth-cli", null);
        } catch (Win32Exception e) {
            throw new DpapiException("CryptProtectData failed: " + e.getMessage().strip(), e);
        } catch (LinkageError e) {
            throw new DpapiException("DPAPI (crypt32.dll through JNA) cannot be loaded: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] unprotect(byte[] blob, byte[] entropy) throws DpapiException {
        try {
            return Crypt32Util.cryptUnprotectData(blob, entropy, WinCrypt.CRYPTPROTECT_UI_FORBIDDEN, null);
        } catch (Win32Exception e) {
            throw new DpapiException("CryptUnprotectData failed: " + e.getMessage().strip(), e);
        } catch (LinkageError e) {
            throw new DpapiException("DPAPI (crypt32.dll through JNA) cannot be loaded: " + e.getMessage(), e);
        }
    }
}
