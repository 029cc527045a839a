package dev.entraauth.core.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proxies from {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY} (either case), which the JVM ignores,
 * with the JVM's own proxy properties as the fallback. Loopback and the IMDS address are never proxied.
 */
final class EnvironmentProxySelector extends ProxySelector {
    private final URI httpsProxy;
    private final URI httpProxy;
    private final List<String> noProxy;
    private final ProxySelector fallback = ProxySelector.getDefault();

    EnvironmentProxySelector(Map<String, String> environment) {
        this.httpsProxy = proxy(environment, "HTTPS_PROXY");
        this.httpProxy = proxy(environment, "HTTP_PROXY");
        String no = variable(environment, "NO_PROXY");
        List<String> entries = new ArrayList<>();
        if (no != null) {
            for (String entry : no.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        this.noProxy = entries;
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (neverProxied(host) || excluded(host)) {
            return List.of(Proxy.NO_PROXY);
        }
        URI proxy = "https".equalsIgnoreCase(uri.getScheme()) ? httpsProxy : httpProxy;
        if (proxy != null) {
            int port = proxy.getPort() > 0 ? proxy.getPort() : ("https".equals(proxy.getScheme()) ? 443 : 80);
            return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
        }
        return fallback == null ? List.of(Proxy.NO_PROXY) : fallback.select(uri);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // nothing to remember: every run starts fresh
    }

    static boolean neverProxied(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")
                || host.equals("169.254.169.254");
    }

    private boolean excluded(String host) {
        for (String entry : noProxy) {
            if (entry.equals("*") || host.equals(entry) || (entry.startsWith(".") ? host.endsWith(entry) : host.endsWith("." + entry))) {
                return true;
            }
        }
        return false;
    }

    private static URI proxy(Map<String, String> environment, String name) {
        String value = variable(environment, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(value.contains("://") ? value.strip() : "http://" + value.strip());
            return uri.getHost() == null ? null : uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String variable(Map<String, String> environment, String name) {
        String upper = environment.get(name);
        return upper != null ? upper : environment.get(name.toLowerCase(Locale.ROOT));
    }
}
