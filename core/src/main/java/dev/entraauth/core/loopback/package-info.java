/**
 * The loopback redirect listener of the browser sign-in flows (RFC 8252): {@link
 * dev.entraauth.core.loopback.LoopbackListener} binds {@code 127.0.0.1} on a port of the profile's range, serves
 * the one callback of one sign-in with a single-use state, and closes.
 */
package dev.entraauth.core.loopback;
