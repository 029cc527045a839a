/**
 * The InteractiveBrowser flow (RFC 8252): the user signs in in the system browser, which comes back to a
 * loopback listener of this process; the code is redeemed with a PKCE verifier, over msal4j.
 * Exports nothing: it is reached only through the Flow service.
 *
 * @provides dev.entraauth.api.flow.Flow InteractiveBrowser
 */
module dev.entraauth.flows.interactive {
    requires dev.entraauth.api;
    requires dev.entraauth.core;
    requires com.microsoft.aad.msal4j;

    provides dev.entraauth.api.flow.Flow with dev.entraauth.flows.interactive.internal.InteractiveBrowserFlow;
}
