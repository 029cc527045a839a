package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.testkit.ConnectProxy;
import dev.entraauth.testkit.EntraEmulator;
import dev.entraauth.testkit.RecordedRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -f ManagedIdentity} through the jlink image: profiles without a secret, IMDS, App Service, Service Fabric, no endpoint, Arc. */
class ManagedIdentityImageIT {
    static final String GRAPH = "https://graph.microsoft.com/.default";

    @TempDir
    Path home;

    EntraEmulator entra;

    @BeforeEach
    void start() {
        entra = EntraEmulator.start();
    }

    @AfterEach
    void stop() {
        assertEquals(List.of(), entra.bugs());
        entra.close();
    }

    static String oid(String token) throws Exception {
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.strip().split("\\.")[1]));
        return claims.get("oid").asText();
    }

    List<RecordedRequest> requests(String path) {
        return entra.requests().stream().filter(r -> r.path().equals(path)).toList();
    }

    Image.Result createSystemAssigned(Image image, String name) {
        return image.run("config", "create", "--no-prompt", "--name", name, "--auth-method", "ManagedIdentity", "--scope", GRAPH);
    }

    /**
     * An IPv4 address of this machine that is not loopback: the CLI never proxies loopback, so an IMDS emulator there
     * would prove nothing about the managed identity bypass. A machine without one fails the test, it does not skip.
     */
    static InetAddress nonLoopbackAddress() throws Exception {
        List<InetAddress> found = NetworkInterface.networkInterfaces().filter(ManagedIdentityImageIT::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isAnyLocalAddress())
                .toList();
        if (found.isEmpty()) {
            fail("this machine has no non-loopback IPv4 address to serve IMDS on; the proxy bypass cannot be tested here");
        }
        return found.getFirst();
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    @Test
    void aSystemAssignedProfileNeedsNoSecretAndGetsItsTokenFromImdsNeverThroughTheProxyThenFromTheCache() throws Exception {
        try (ConnectProxy proxy = ConnectProxy.start()) {
            // IMDS on a non-loopback address of this machine: with HTTP_PROXY set, only the managed identity
            // bypass keeps the request away from the proxy (which would refuse a plain-HTTP request with 501)
            String endpoint = entra.serveIdentityEndpointsOn(nonLoopbackAddress());
            Image image = Image.against(entra, home).env("AZURE_POD_IDENTITY_AUTHORITY_HOST", endpoint)
                    .env("HTTPS_PROXY", proxy.url()).env("HTTP_PROXY", proxy.url())
                    .env("https_proxy", proxy.url()).env("http_proxy", proxy.url());
            Image.Result created = createSystemAssigned(image, "mi-profile");
            assertEquals(0, created.exitCode(), created.all());
            Image.Result shown = image.run("config", "show", "-p", "mi-profile");
            assertTrue(shown.out().contains("(system-assigned)"), shown.out());

            Image.Result token = image.run("get-token", "-p", "mi-profile");
            assertEquals(0, token.exitCode(), token.all());
            assertEquals(entra.seed().systemIdentity().servicePrincipalId(), oid(token.out()));
            Image.Result again = image.run("get-token", "-p", "mi-profile");
            assertEquals(0, again.exitCode(), again.all());
            assertEquals(token.out(), again.out());

            assertEquals(1, requests("/metadata/identity/oauth2/token").size(), entra.requests().toString());
            assertEquals(List.of(), proxy.requests());
        }
    }

    @Test
    void aUserAssignedProfileByClientIdGetsItsTokenFromAppService() throws Exception {
        Image image = Image.against(entra, home).env("IDENTITY_ENDPOINT", entra.appServiceIdentityEndpoint())
                .env("IDENTITY_HEADER", entra.appServiceIdentityHeader());
        Image.Result created = image.run("config", "create", "--no-prompt", "--name", "mi-user", "--auth-method",
                "ManagedIdentity", "--client-id", entra.seed().userIdentity().clientId(), "--scope", GRAPH);
        assertEquals(0, created.exitCode(), created.all());

        Image.Result token = image.run("get-token", "-p", "mi-user", "-f", "msi");
        assertEquals(0, token.exitCode(), token.all());
        assertEquals(entra.seed().userIdentity().servicePrincipalId(), oid(token.out()));
        assertEquals(1, requests("/msi/token").size());
    }

    @Test
    void serviceFabricGetsItsTokenOverTlsPinnedByThumbprintAndAWrongPinIsOneLineWithExit13() throws Exception {
        String thumbprint = java.util.HexFormat.of().withUpperCase().formatHex(
                java.security.MessageDigest.getInstance("SHA-1").digest(entra.serverCertificate().getEncoded()));
        // no CA bundle: only the pin can make the emulator's certificate trusted
        Image image = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE)
                .env("IDENTITY_ENDPOINT", entra.serviceFabricIdentityEndpoint())
                .env("IDENTITY_HEADER", entra.appServiceIdentityHeader())
                .env("IDENTITY_SERVER_THUMBPRINT", thumbprint);
        assertEquals(0, createSystemAssigned(image, "fabric").exitCode());

        Image.Result token = image.run("get-token", "-p", "fabric");
        assertEquals(0, token.exitCode(), token.all());
        assertEquals(entra.seed().systemIdentity().servicePrincipalId(), oid(token.out()));
        assertEquals(1, requests("/servicefabric/metadata/identity/oauth2/token").size(), entra.requests().toString());

        Image.Result pinnedWrong = image.env("IDENTITY_SERVER_THUMBPRINT", "0".repeat(40)).run("get-token", "-p", "fabric", "--force");
        assertEquals(13, pinnedWrong.exitCode(), pinnedWrong.all());
        assertEquals(1, pinnedWrong.err().strip().lines().count(), pinnedWrong.err());
        assertTrue(pinnedWrong.err().contains("not IDENTITY_SERVER_THUMBPRINT " + "0".repeat(40)), pinnedWrong.err());
        assertEquals(1, requests("/servicefabric/metadata/identity/oauth2/token").size(), "the wrong pin sent no request");
    }

    @Test
    void withoutAReachableEndpointGetTokenFailsFastWithOneLineAndExit13() {
        Image image = new Image(home).env("ENTRA_AUTH_CLI_PASSPHRASE", Image.PASSPHRASE)
                .env("AZURE_POD_IDENTITY_AUTHORITY_HOST", "http://192.0.2.1");
        assertEquals(0, createSystemAssigned(image, "mi-profile").exitCode());

        long started = System.nanoTime();
        Image.Result result = image.run("get-token", "-p", "mi-profile");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(13, result.exitCode(), result.all());
        assertEquals("", result.out());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("no managed identity endpoint is reachable: IMDS at http://192.0.2.1"), result.err());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
    }

    @Test
    void anArcChallengeNamingAFileOutsideTheAgentsDirectoryIsRefusedWithoutSendingIt() throws Exception {
        Path secret = Files.writeString(home.resolve("stolen.key"), "a file the endpoint must never get");
        entra.arcChallengeFile(secret.toString());
        Image image = Image.against(entra, home).env("IDENTITY_ENDPOINT", entra.arcIdentityEndpoint())
                .env("IMDS_ENDPOINT", entra.imdsEndpoint());
        assertEquals(0, createSystemAssigned(image, "arc").exitCode());

        Image.Result result = image.run("get-token", "-p", "arc");

        assertEquals(10, result.exitCode(), result.all());
        assertTrue(result.err().contains("'" + secret + "' is outside the agent's token directory"), result.err());
        assertTrue(result.err().contains("refused, nothing was read or sent"), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
        assertEquals(1, requests("/arc/metadata/identity/oauth2/token").size(), entra.requests().toString());
    }
}
