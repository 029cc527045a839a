/**
 * The DeviceCode flow (RFC 8628): user tokens for a public client, signed in on another device with a code, over
 * msal4j with the RFC's polling rules. Exports nothing: it is reached only through the Flow service.
 *
 * @provides dev.entraauth.api.flow.Flow DeviceCode
 */
module dev.entraauth.flows.devicecode {
    requires dev.entraauth.api;
    requires dev.entraauth.core;
    requires com.microsoft.aad.msal4j;

    provides dev.entraauth.api.flow.Flow with dev.entraauth.flows.devicecode.internal.DeviceCodeFlow;
}
