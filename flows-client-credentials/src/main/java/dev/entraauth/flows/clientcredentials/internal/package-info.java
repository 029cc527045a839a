/**
 * The ClientCredentials flow's implementation; not exported.
 */
package dev.entraauth.flows.clientcredentials.internal;
