/**
 * An Entra ID emulator for tests and for trying the CLI by hand: Entra's v2.0 OAuth2 endpoints, Microsoft
 * Graph applications, and managed identity endpoints, over HTTPS with a CA it generates; an in-memory flow
 * context; and the contract suite every secret store passes (JUnit, needed only by the tests that use it).
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
    requires static org.junit.jupiter.api;

    exports dev.entraauth.testkit;
    exports dev.entraauth.testkit.flow;
    exports dev.entraauth.testkit.store;
}
