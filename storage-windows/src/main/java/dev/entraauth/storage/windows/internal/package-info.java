/**
 * The Windows secret store's implementation; not exported. {@link dev.entraauth.storage.windows.internal.DpapiFileVault}
 * holds the file logic and reaches DPAPI only through {@link dev.entraauth.storage.windows.internal.Dpapi}, whose
 * real implementation is {@link dev.entraauth.storage.windows.internal.Crypt32Dpapi}.
 */
package dev.entraauth.storage.windows.internal;
