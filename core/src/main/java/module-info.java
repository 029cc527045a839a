/**
 * The engine of entra-auth-cli: profiles and their file, the registries that find providers, secure
 * file I/O, profile export/import, the glue flows share (HTTP, msal, the loopback listener, the browser
 * opener), and tokens as data (decoding, verification against the issuer's keys). It knows no provider by name.
 *
 * @uses dev.entraauth.api.flow.Flow
 * @uses dev.entraauth.api.store.SecretStore
 * @uses dev.entraauth.api.command.CommandProvider
 */
module dev.entraauth.core {
    requires transitive dev.entraauth.api;
    requires com.fasterxml.jackson.databind;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires com.nimbusds.jose.jwt;
    requires transitive com.microsoft.aad.msal4j;
    requires java.net.http;

    exports dev.entraauth.core.browser;
    exports dev.entraauth.core.cache;
    exports dev.entraauth.core.credential;
    exports dev.entraauth.core.crypto;
    exports dev.entraauth.core.http;
    exports dev.entraauth.core.io;
    exports dev.entraauth.core.loopback;
    exports dev.entraauth.core.msal;
    exports dev.entraauth.core.plugin;
    exports dev.entraauth.core.profile;
    exports dev.entraauth.core.registry;
    exports dev.entraauth.core.text;
    exports dev.entraauth.core.token;
    exports dev.entraauth.core.transfer;

    opens dev.entraauth.core.profile to com.fasterxml.jackson.databind;
    opens dev.entraauth.core.transfer to com.fasterxml.jackson.databind;

    uses dev.entraauth.api.command.CommandProvider;
    uses dev.entraauth.api.flow.Flow;
    uses dev.entraauth.api.store.SecretStore;
}
