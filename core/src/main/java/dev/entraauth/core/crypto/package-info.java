/**
 * Passphrase-based encryption shared by the export file and the encrypted-file secret store:
 * Argon2id (RFC 9106) key derivation and AES-256-GCM.
 */
package dev.entraauth.core.crypto;
