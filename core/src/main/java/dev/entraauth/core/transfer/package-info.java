/**
 * Moving profiles between machines: the export file format, with secrets only when asked for and then
 * only encrypted under a passphrase (Argon2id + AES-256-GCM).
 */
package dev.entraauth.core.transfer;
