/**
 * The AuthorizationCode flow's implementation; not exported.
 */
package dev.entraauth.flows.authcode.internal;
