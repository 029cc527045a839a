/**
 * An Entra ID emulator for tests and for trying the CLI by hand: Entra's v2.0 OAuth2 endpoints, Microsoft
 * Graph applications, and managed identity endpoints, over HTTPS with a CA it generates.
 */
module dev.entraauth.testkit {
    requires transitive dev.entraauth.api;
    requires jdk.httpserver;
    requires transitive java.net.http;
    requires com.fasterxml.jackson.databind;
    requires com.nimbusds.jose.jwt;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.util;

    exports dev.entraauth.testkit;
    exports dev.entraauth.testkit.flow;
}
