/**
 * Application credentials: certificates loaded from PFX or PEM and checked before any network call (missing,
 * unreadable, not a certificate, no key, RSA below 2048 bits, not yet valid or expired, wrong password), and
 * client assertions signed with them (RFC 7523; Entra's certificate-credentials).
 */
package dev.entraauth.core.credential;
