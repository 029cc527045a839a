/**
 * The ClientCredentials flow (RFC 6749 §4.4): app-only tokens for a confidential client, over msal4j.
 * Exports nothing: it is reached only through the Flow service.
 *
 * @provides dev.entraauth.api.flow.Flow ClientCredentials
 */
module dev.entraauth.flows.clientcredentials {
    requires dev.entraauth.api;
    requires dev.entraauth.core;
    requires com.microsoft.aad.msal4j;

    provides dev.entraauth.api.flow.Flow with dev.entraauth.flows.clientcredentials.internal.ClientCredentialsFlow;
}
