/**
 * The macOS secret store's implementation; not exported. {@link dev.entraauth.storage.macos.internal.KeychainVault}
 * holds the logic (item naming, OSStatus mapping, update on duplicate) and reaches the Keychain only through
 * {@link dev.entraauth.storage.macos.internal.Keychain}, whose real implementation,
 * {@link dev.entraauth.storage.macos.internal.SecurityFramework}, calls the Security framework with JNA.
 */
package dev.entraauth.storage.macos.internal;
