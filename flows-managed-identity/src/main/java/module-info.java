/**
 * The ManagedIdentity flow: tokens of the Azure managed identity of the machine or service the CLI runs on,
 * over msal4j's {@code ManagedIdentityApplication} (Service Fabric's spoken by the module itself). Exports nothing: it is reached only through the Flow service.
 *
 * @provides dev.entraauth.api.flow.Flow ManagedIdentity
 */
module dev.entraauth.flows.managedidentity {
    requires dev.entraauth.api;
    requires dev.entraauth.core;
    requires com.microsoft.aad.msal4j;
    requires java.net.http;

    provides dev.entraauth.api.flow.Flow with dev.entraauth.flows.managedidentity.internal.ManagedIdentityFlow;
}
