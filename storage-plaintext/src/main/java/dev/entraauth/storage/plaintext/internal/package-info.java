/**
 * The plaintext store's implementation; not exported.
 */
package dev.entraauth.storage.plaintext.internal;
