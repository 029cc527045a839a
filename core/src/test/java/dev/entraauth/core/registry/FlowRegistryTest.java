package dev.entraauth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.CertificateSource;
import dev.entraauth.api.profile.Profile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlowRegistryTest {
    private static final String TENANT = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String CLIENT = "11111111-2222-3333-4444-555555555555";

    /** A flow that only has a name and aliases; it never acquires anything. */
    private record FakeFlow(String name, Set<String> aliases) implements Flow {
        FakeFlow(String name, String... aliases) {
            this(name, Set.of(aliases));
        }

        @Override
        public String description() {
            return "fake " + name;
        }

        @Override
        public boolean canServe(Profile profile) {
            return true;
        }

        @Override
        public TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException {
            throw new AuthException(ExitCode.ERROR, "fake flows acquire nothing");
        }
    }

    private static final Flow CLIENT_CREDENTIALS = new FakeFlow("ClientCredentials", "client-credentials");
    private static final Flow DEVICE_CODE = new FakeFlow("DeviceCode", "device-code", "device");
    private static final Flow BROWSER = new FakeFlow("InteractiveBrowser", "interactive", "browser");
    private static final Flow MANAGED_IDENTITY = new FakeFlow("ManagedIdentity", "managed-identity", "msi");
    private static final Flow PLUGIN = new FakeFlow("TokenExchange", "obo");

    private static FlowRegistry allFlows() {
        return FlowRegistry.of(List.of(CLIENT_CREDENTIALS, DEVICE_CODE, BROWSER, MANAGED_IDENTITY, PLUGIN));
    }

    private static Profile.Builder profile(AuthMethod method) {
        return Profile.builder("dev").tenantId(TENANT).clientId(CLIENT).authMethod(method);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource({
            "ClientCredentials, ClientCredentials",
            "clientcredentials, ClientCredentials",
            "CLIENTCREDENTIALS, ClientCredentials",
            "client-credentials, ClientCredentials",
            "Client_Credentials, ClientCredentials",
            "'  client-credentials ', ClientCredentials",
            "device, DeviceCode",
            "Device-Code, DeviceCode",
            "browser, InteractiveBrowser",
            "Interactive, InteractiveBrowser",
            "msi, ManagedIdentity",
            "tokenexchange, TokenExchange",
            "OBO, TokenExchange"})
    void resolveIgnoresCaseDashesAndUnderscoresAndAcceptsAliases(String typed, String expected) throws EntraAuthException {
        // Act
        Flow flow = allFlows().resolve(typed);

        // Assert
        assertEquals(expected, flow.name());
    }

    @Test
    void unknownNameIsAUsageErrorListingTheStandardAndInstalledFlows() {
        // Arrange
        FlowRegistry registry = FlowRegistry.of(List.of(PLUGIN));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> registry.resolve("telepathy"));

        // Assert
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("unknown flow 'telepathy'"), e.getMessage());
        assertTrue(e.getMessage().contains("ClientCredentials, AuthorizationCode, DeviceCode, InteractiveBrowser, ManagedIdentity, TokenExchange"),
                e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"AuthorizationCode", "auth-code", "authorization-code"})
    void standardFlowThatIsNotInstalledIsNoProviderListingTheInstalledFlows(String typed) {
        // Arrange
        FlowRegistry registry = FlowRegistry.of(List.of(CLIENT_CREDENTIALS, DEVICE_CODE));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> registry.resolve(typed));

        // Assert
        assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
        assertTrue(e.getMessage().contains("no flow 'AuthorizationCode' is installed"), e.getMessage());
        assertTrue(e.getMessage().contains("Installed flows: ClientCredentials, DeviceCode"), e.getMessage());
    }

    @Test
    void emptyRegistrySaysNoFlowIsInstalled() {
        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> FlowRegistry.of(List.of()).resolve("device"));

        // Assert
        assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
        assertTrue(e.getMessage().contains("Installed flows: none"), e.getMessage());
    }

    @Test
    void canonicalNameKnowsStandardFlowsThatAreNotInstalledAndInstalledPluginFlows() {
        // Arrange
        FlowRegistry registry = FlowRegistry.of(List.of(PLUGIN));

        // Act + Assert
        assertEquals(Optional.of("ClientCredentials"), registry.canonicalName("client-credentials"));
        assertEquals(Optional.of("DeviceCode"), registry.canonicalName("DEVICE"));
        assertEquals(Optional.of("TokenExchange"), registry.canonicalName("obo"));
        assertEquals(Optional.empty(), registry.canonicalName("telepathy"));
    }

    @Test
    void inferPicksClientCredentialsForAClientSecretProfile() throws EntraAuthException {
        // Act
        Flow flow = allFlows().infer(profile(AuthMethod.ClientSecret).build());

        // Assert
        assertSame(CLIENT_CREDENTIALS, flow);
    }

    @Test
    void inferPicksClientCredentialsForACertificateProfile() throws EntraAuthException {
        // Act
        Flow flow = allFlows().infer(profile(AuthMethod.Certificate).certificate(CertificateSource.ofFile("/etc/app.pfx")).build());

        // Assert
        assertSame(CLIENT_CREDENTIALS, flow);
    }

    @Test
    void inferPicksInteractiveBrowserForAPublicClientProfile() throws EntraAuthException {
        // Act
        Flow flow = allFlows().infer(profile(AuthMethod.PublicClient).build());

        // Assert
        assertSame(BROWSER, flow);
    }

    @Test
    void inferPicksManagedIdentityForAManagedIdentityProfile() throws EntraAuthException {
        // Act
        Flow flow = allFlows().infer(profile(AuthMethod.ManagedIdentity).build());

        // Assert
        assertSame(MANAGED_IDENTITY, flow);
    }

    @Test
    void inferPicksClientCredentialsForAFederatedTokenProfile() throws EntraAuthException {
        Flow flow = allFlows().infer(profile(AuthMethod.FederatedToken).build());

        assertSame(CLIENT_CREDENTIALS, flow);
    }

    @Test
    void inferPicksTheDefaultFlowWhenTheProfileSetsOne() throws EntraAuthException {
        // Arrange
        Profile publicWithDefault = profile(AuthMethod.PublicClient).defaultFlow("DeviceCode").build();
        Profile secretWithPluginDefault = profile(AuthMethod.ClientSecret).defaultFlow("TokenExchange").build();

        // Act + Assert
        assertSame(DEVICE_CODE, allFlows().infer(publicWithDefault));
        assertSame(PLUGIN, allFlows().infer(secretWithPluginDefault));
    }

    @Test
    void inferredFlowThatIsNotInstalledIsNoProvider() {
        // Arrange
        FlowRegistry onlyDeviceCode = FlowRegistry.of(List.of(DEVICE_CODE));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class,
                () -> onlyDeviceCode.infer(profile(AuthMethod.ClientSecret).build()));

        // Assert
        assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
        assertTrue(e.getMessage().contains("'ClientCredentials'"), e.getMessage());
    }

    @Test
    void flowsAreOrderedByNameIgnoringCase() {
        // Arrange
        FlowRegistry registry = FlowRegistry.of(List.of(PLUGIN, MANAGED_IDENTITY, new FakeFlow("alpha"), DEVICE_CODE));

        // Act
        List<String> names = registry.flows().stream().map(Flow::name).toList();

        // Assert
        assertEquals(List.of("alpha", "DeviceCode", "ManagedIdentity", "TokenExchange"), names);
    }

    @Test
    void duplicateFlowNamesKeepTheFirstAndReportAProblem() throws EntraAuthException {
        // Arrange
        Flow first = new FakeFlow("DeviceCode", "device");
        Flow second = new FakeFlow("devicecode", "other-alias");

        // Act
        FlowRegistry registry = FlowRegistry.of(List.of(first, second));

        // Assert
        assertEquals(List.of(first), registry.flows());
        assertSame(first, registry.resolve("DeviceCode"));
        assertEquals(ExitCode.USAGE, assertThrows(EntraAuthException.class, () -> registry.resolve("other-alias")).exitCode(),
                "the ignored provider's aliases are not used");
        assertEquals(1, registry.problems().size());
        String problem = registry.problems().getFirst();
        assertTrue(problem.contains("flow id 'devicecode' is provided twice"), problem);
        assertTrue(problem.contains("(used)") && problem.contains("(ignored)"), problem);
    }

    @Test
    void registryWithoutClashesHasNoProblems() {
        // Act + Assert
        assertEquals(List.of(), allFlows().problems());
    }

    @Test
    void describeShowsTheAliases() {
        // Act
        ProviderInfo info = FlowRegistry.describe(MANAGED_IDENTITY);

        // Assert
        assertEquals("flow", info.kind());
        assertEquals("ManagedIdentity", info.id());
        assertTrue(info.description().startsWith("fake ManagedIdentity (aliases: "), info.description());
        assertTrue(info.description().contains("msi"), info.description());
        assertTrue(info.availability().available());
    }
}
