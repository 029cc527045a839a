/**
 * The ManagedIdentity flow's implementation; not exported.
 */
package dev.entraauth.flows.managedidentity.internal;
