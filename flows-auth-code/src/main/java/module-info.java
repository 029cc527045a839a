/**
 * The AuthorizationCode flow (RFC 6749 §4.1 with PKCE, RFC 7636): delegated tokens for a web app that proves
 * itself with a client secret or certificate. Exports nothing: it is reached only through the Flow service.
 *
 * @provides dev.entraauth.api.flow.Flow AuthorizationCode
 */
module dev.entraauth.flows.authcode {
    requires dev.entraauth.api;
    requires dev.entraauth.core;
    requires com.microsoft.aad.msal4j;

    provides dev.entraauth.api.flow.Flow with dev.entraauth.flows.authcode.internal.AuthorizationCodeFlow;
}
