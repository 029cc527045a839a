package dev.entraauth.api.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileTest {
    private static final String TENANT = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String CLIENT = "11111111-2222-3333-4444-555555555555";

    private static Profile.Builder valid(AuthMethod method) {
        return Profile.builder("dev").tenantId(TENANT).clientId(CLIENT).authMethod(method);
    }

    @Test
    void upperCaseTenantAndClientGuidsAreAcceptedAndStoredInLowerCase() {
        // Arrange
        String client = "abcdef01-abcd-4ef0-9abc-def012345678";

        // Act
        Profile p = valid(AuthMethod.ClientSecret)
                .tenantId(TENANT.toUpperCase(java.util.Locale.ROOT))
                .clientId(client.toUpperCase(java.util.Locale.ROOT))
                .build();

        // Assert
        assertEquals(TENANT, p.tenantId());
        assertEquals(client, p.clientId());
    }

    @Test
    void invalidClientIdIsRejectedNamingClientId() {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.PublicClient).clientId("{" + CLIENT + "}").build());

        // Assert
        assertTrue(e.getMessage().startsWith("clientId: "), e.getMessage());
    }

    @Test
    void missingAuthMethodIsRejectedListingTheMethods() {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid(null).build());

        // Assert
        assertTrue(e.getMessage().startsWith("authMethod: "), e.getMessage());
        assertTrue(e.getMessage().contains("ClientSecret, Certificate, PublicClient, ManagedIdentity"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"common", "organizations", "consumers"})
    void multiTenantNameIsAcceptedForPublicClient(String tenant) {
        // Act
        Profile p = valid(AuthMethod.PublicClient).tenantId(tenant).build();

        // Assert
        assertEquals(tenant, p.tenantId());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"common", "organizations", "Common"})
    void multiTenantNameIsRejectedForClientSecretProfileWithoutDefaultFlowBecauseClientCredentialsNeedsOneTenant(String tenant) {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.ClientSecret).tenantId(tenant).build());

        // Assert
        assertTrue(e.getMessage().startsWith("tenantId: "), e.getMessage());
        assertTrue(e.getMessage().contains("client credentials"), e.getMessage());
    }

    @Test
    void multiTenantNameIsRejectedForCertificateProfileWithoutDefaultFlow() {
        // Act + Assert
        assertThrows(IllegalArgumentException.class, () -> valid(AuthMethod.Certificate)
                .certificate(CertificateSource.ofFile("/etc/app.pem")).tenantId("organizations").build());
    }

    @Test
    void multiTenantNameIsRejectedWhenTheDefaultFlowIsClientCredentials() {
        // Act + Assert
        assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.ClientSecret).tenantId("common").defaultFlow("ClientCredentials").build());
    }

    @Test
    void multiTenantNameIsAcceptedForClientSecretProfileWhoseDefaultFlowIsNotClientCredentials() {
        // Act
        Profile p = valid(AuthMethod.ClientSecret).tenantId("organizations").defaultFlow("AuthorizationCode").build();

        // Assert
        assertEquals("organizations", p.tenantId());
        assertEquals("AuthorizationCode", p.defaultFlowName().orElseThrow());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"http://login.example.com", "ftp://login.example.com", "login.example.com",
            "https:///no-host", "https://user@login.example.com", "https://login.example.com?x=1",
            "https://login.example.com#frag"})
    void authorityHostThatIsNotAPlainHttpsUrlIsRejected(String host) {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.PublicClient).cloud(Cloud.Custom).authorityHost(URI.create(host)).build());

        // Assert
        assertTrue(e.getMessage().startsWith("authorityHost: "), e.getMessage());
    }

    @Test
    void httpAuthorityHostIsRejectedEvenForAKnownCloud() {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid(AuthMethod.PublicClient)
                .authorityHost(URI.create("http://login.microsoftonline.com")).build());

        // Assert
        assertTrue(e.getMessage().contains("must be an https URL"), e.getMessage());
    }

    @Test
    void customCloudRequiresAnAuthorityHost() {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.PublicClient).cloud(Cloud.Custom).build());

        // Assert
        assertEquals("authorityHost: required when cloud is Custom", e.getMessage());
    }

    @Test
    void customCloudWithHttpsAuthorityHostIsAcceptedWithoutTrailingSlash() {
        // Act
        Profile p = valid(AuthMethod.PublicClient).cloud(Cloud.Custom)
                .authorityHost(URI.create("https://login.example.com/")).build();

        // Assert
        assertEquals(URI.create("https://login.example.com"), p.effectiveAuthorityHost());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://login.example.com", "https://login.microsoftonline.com.evil.example",
            "https://login.microsoftonline.com:8443", "https://login.microsoftonline.com/tenant-path"})
    void anAuthorityHostOffTheAllowListIsRejectedUnlessTheCloudIsExplicitlyCustom(String host) {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> valid(AuthMethod.PublicClient)
                .cloud(Cloud.AzurePublic).authorityHost(URI.create(host)).build());
        Profile custom = valid(AuthMethod.PublicClient).cloud(Cloud.Custom).authorityHost(URI.create(host)).build();

        // Assert
        assertTrue(e.getMessage().startsWith("authorityHost: '" + host + "' is not a Microsoft authority host"),
                e.getMessage());
        assertEquals(URI.create(host), custom.effectiveAuthorityHost());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://login.microsoftonline.com", "https://LOGIN.microsoft.com/",
            "https://login.windows.net", "https://login.microsoftonline.us", "https://login.usgovcloudapi.net",
            "https://login.chinacloudapi.cn", "https://login.partner.microsoftonline.cn:443"})
    void microsoftsAuthorityHostsAreAcceptedWithAnyKnownCloud(String host) {
        // Act
        Profile p = valid(AuthMethod.PublicClient).cloud(Cloud.AzureUSGovernment).authorityHost(URI.create(host)).build();

        // Assert
        assertTrue(Cloud.isMicrosoftAuthorityHost(p.effectiveAuthorityHost()), p.effectiveAuthorityHost().toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://app.contoso.com/signin-oidc", "http://localhost:8080/callback", "http://127.0.0.1:5000",
            "http://LOCALHOST/auth"})
    void aWebRedirectUriIsHttpsOrLoopbackHttp(String uri) {
        Profile p = valid(AuthMethod.ClientSecret).redirectUri(URI.create(uri)).build();

        assertEquals(URI.create(uri), p.webRedirectUri().orElseThrow());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"http://app.contoso.com/callback", "ftp://localhost/x", "/relative/callback", "https://app.contoso.com/cb#frag",
            "http://[::1]:8080/cb", "https://user@app.contoso.com/cb"})
    void aWebRedirectUriThatEntraWouldRefuseIsRejectedNamingTheField(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.ClientSecret).redirectUri(URI.create(uri)).build());

        assertTrue(e.getMessage().startsWith("redirectUri: '" + uri + "'"), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @EnumSource(value = Cloud.class, names = "Custom", mode = EnumSource.Mode.EXCLUDE)
    void knownCloudWithoutAuthorityHostUsesTheCloudsHost(Cloud cloud) {
        // Act
        Profile p = valid(AuthMethod.PublicClient).cloud(cloud).build();

        // Assert
        assertEquals(cloud.authorityHost().orElseThrow(), p.effectiveAuthorityHost());
        assertTrue(p.effectiveAuthorityHost().getScheme().equals("https"));
    }

    @Test
    void certificateProfileRequiresACertificateAndOthersRefuseOne() {
        // Arrange
        CertificateSource pem = CertificateSource.ofFile("/etc/app.pem");

        // Act
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.Certificate).build());
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.ClientSecret).certificate(pem).build());

        // Assert
        assertTrue(missing.getMessage().startsWith("certificate: "), missing.getMessage());
        assertTrue(extra.getMessage().startsWith("certificate: "), extra.getMessage());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"two words", "", " "})
    void scopeWithWhitespaceOrBlankIsRejectedNamingScopes(String scope) {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.PublicClient).scopes(List.of(scope)).build());

        // Assert
        assertTrue(e.getMessage().startsWith("scopes: "), e.getMessage());
    }

    @Test
    void invalidProfileNameIsRejectedByTheProfile() {
        // Act
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.PublicClient).name("no spaces allowed").build());

        // Assert
        assertTrue(e.getMessage().startsWith("name: "), e.getMessage());
    }

    @Test
    void toStringShowsOnlyNameTenantClientAndMethod() {
        // Act
        String text = valid(AuthMethod.ClientSecret).appName("Payroll").scopes(List.of("api://payroll/.default")).build().toString();

        // Assert
        assertEquals("Profile[dev, tenant=" + TENANT + ", client=" + CLIENT + ", clientsecret]", text);
        assertFalse(text.contains("Payroll"));
        assertFalse(text.contains("api://payroll"));
    }

    @Test
    void aManagedIdentityProfileNeedsNeitherTenantNorClientIdAndIsThenSystemAssigned() {
        Profile p = Profile.builder("mi").authMethod(AuthMethod.ManagedIdentity).build();

        assertEquals(null, p.tenantId());
        assertEquals(null, p.clientId());
        assertEquals(null, p.managedIdentityId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"7E0E5C3B-1111-2222-3333-444444444444",
            "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders-id"})
    void aUserAssignedIdentityIsNamedByObjectIdOrResourceId(String id) {
        Profile p = Profile.builder("mi").authMethod(AuthMethod.ManagedIdentity).managedIdentityId(id).build();

        assertEquals(id.startsWith("/") ? id : id.toLowerCase(java.util.Locale.ROOT), p.managedIdentityId());
        assertEquals(id.startsWith("/"), p.managedIdentityIsResourceId());
    }

    @Test
    void aManagedIdentityIsNamedOnceAndOnlyOnManagedIdentityProfiles() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> Profile.builder("mi")
                .authMethod(AuthMethod.ManagedIdentity).clientId(CLIENT).managedIdentityId(TENANT).build());
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.ClientSecret).managedIdentityId(TENANT).build());
        IllegalArgumentException neither = assertThrows(IllegalArgumentException.class, () -> Profile.builder("mi")
                .authMethod(AuthMethod.ManagedIdentity).managedIdentityId("orders-id").build());
        IllegalArgumentException noClient = assertThrows(IllegalArgumentException.class,
                () -> Profile.builder("s").tenantId(TENANT).authMethod(AuthMethod.ClientSecret).build());

        assertTrue(twice.getMessage().startsWith("managedIdentityId: a user-assigned identity is named once"), twice.getMessage());
        assertTrue(other.getMessage().startsWith("managedIdentityId: only allowed when authMethod is ManagedIdentity"), other.getMessage());
        assertTrue(neither.getMessage().contains("neither an object ID (a GUID) nor a resource ID"), neither.getMessage());
        assertTrue(noClient.getMessage().startsWith("clientId: "), noClient.getMessage());
    }

    @Test
    void aFederatedTokenProfileIsConfidentialAndKeepsOnlyThePathOfItsTokenFile() {
        Profile p = valid(AuthMethod.FederatedToken).federatedTokenFile("/var/run/secrets/azure/tokens/azure-identity-token").build();
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> valid(AuthMethod.ClientSecret).federatedTokenFile("/tmp/token").build());

        assertTrue(p.authMethod().isConfidential());
        assertEquals("/var/run/secrets/azure/tokens/azure-identity-token", p.federatedTokenFile());
        assertEquals(null, valid(AuthMethod.FederatedToken).build().federatedTokenFile());
        assertTrue(other.getMessage().startsWith("federatedTokenFile: only allowed when authMethod is FederatedToken"), other.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Cloud.class)
    void eachCloudHasItsAuthorityAndGraphHosts(Cloud cloud) {
        String[] expected = switch (cloud) {
            case AzurePublic -> new String[] {"https://login.microsoftonline.com", "https://graph.microsoft.com"};
            case AzureUSGovernment -> new String[] {"https://login.microsoftonline.us", "https://graph.microsoft.us"};
            case AzureChina -> new String[] {"https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"};
            case Custom -> new String[] {"https://login.example.test", null};
        };
        Profile.Builder builder = valid(AuthMethod.ClientSecret).cloud(cloud);
        if (cloud == Cloud.Custom) {
            builder.authorityHost(URI.create("https://login.example.test"));
        }

        Profile p = builder.build();

        assertEquals(URI.create(expected[0]), p.effectiveAuthorityHost());
        assertEquals(expected[1] == null ? java.util.Optional.empty() : java.util.Optional.of(URI.create(expected[1])), cloud.graphHost());
        assertEquals(cloud != Cloud.Custom, Cloud.isMicrosoftAuthorityHost(p.effectiveAuthorityHost()));
    }
}
