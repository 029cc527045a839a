/**
 * The glue between flows and msal4j: the authority of a profile, msal's token cache kept in the secret
 * store, and msal's failures turned into one-line errors with the AADSTS code, a hint, and an exit code.
 */
package dev.entraauth.core.msal;
