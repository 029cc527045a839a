/**
 * The InteractiveBrowser flow's implementation; not exported.
 */
package dev.entraauth.flows.interactive.internal;
