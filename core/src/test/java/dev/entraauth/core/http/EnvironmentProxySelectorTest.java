package dev.entraauth.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SECURITY-CHECKLIST NF3 (the proxy decisions): environment proxies, NO_PROXY, and what is never proxied. */
class EnvironmentProxySelectorTest {
    private static String decide(Map<String, String> environment, String url) {
        List<Proxy> proxies = new EnvironmentProxySelector(environment).select(URI.create(url));
        Proxy proxy = proxies.getFirst();
        if (proxy.type() == Proxy.Type.DIRECT) {
            return "DIRECT";
        }
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        return address.getHostString() + ":" + address.getPort();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://login.microsoftonline.com/t/oauth2/v2.0/token, proxy.corp:3128",
            "https://graph.microsoft.com/v1.0/me, proxy.corp:3128",
            "http://169.254.169.254/metadata/identity/oauth2/token, DIRECT",
            "https://127.0.0.1:8443/t, DIRECT",
            "https://127.44.5.6/t, DIRECT",
            "https://localhost/t, DIRECT",
            "https://login.internal.example.com/t, DIRECT",
            "https://internal.example.com/t, DIRECT",
            "https://login.partner.cn/t, DIRECT",
            "https://notexample.com/t, proxy.corp:3128"
    })
    void httpsProxyAppliesExceptToLoopbackImdsAndNoProxy(String url, String expected) {
        Map<String, String> environment = Map.of("HTTPS_PROXY", "http://proxy.corp:3128",
                "NO_PROXY", ".example.com, login.partner.cn");

        assertEquals(expected, decide(environment, url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"https_proxy", "HTTPS_PROXY"})
    void eitherCaseOfTheVariableIsHonoured(String name) {
        assertEquals("p:8080", decide(Map.of(name, "p:8080"), "https://login.microsoftonline.com/t"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"http://169.254.169.254/metadata/identity/oauth2/token", "http://127.0.0.1:40000/msi/token"})
    void managedIdentityEndpointsNeverGoThroughTheHttpProxy(String url) {
        assertEquals("DIRECT", decide(Map.of("HTTP_PROXY", "http://proxy.corp:3128", "HTTPS_PROXY", "http://proxy.corp:3128"), url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"*"})
    void aStarInNoProxyDisablesTheProxy(String noProxy) {
        assertEquals("DIRECT", decide(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", noProxy),
                "https://login.microsoftonline.com/t"));
    }
}
