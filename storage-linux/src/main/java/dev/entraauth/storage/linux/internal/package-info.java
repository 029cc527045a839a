/**
 * The Linux secret stores' implementations; not exported.
 */
package dev.entraauth.storage.linux.internal;
