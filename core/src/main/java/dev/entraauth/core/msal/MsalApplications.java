package dev.entraauth.core.msal;

import com.microsoft.aad.msal4j.AbstractClientApplicationBase;
import com.microsoft.aad.msal4j.AssertionRequestOptions;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.core.credential.CertificateCredential;
import dev.entraauth.core.credential.CertificateLoader;
import dev.entraauth.core.credential.ClientAssertions;
import dev.entraauth.core.credential.FederatedTokenFile;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.HttpSettings;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds msal4j applications for a profile the same way for every flow: the profile's authority (validation
 * and instance discovery off for a custom host, which Microsoft knows nothing about), entra-auth-cli's HTTP
 * transport, and the profile's token cache in the secret store.
 */
public final class MsalApplications {
    private MsalApplications() {
    }

    /**
     * The HTTP transport of one acquisition: timeouts no longer than the request's, proxies and CA bundle from
     * the environment, the debug log through the interaction.
     *
     * @param context the flow's context
     * @param request the request, for its timeout
     * @return a new transport counting its requests
     * @throws AuthException when the CA bundle cannot be read
     */
    public static EntraHttpClient transport(FlowContext context, TokenRequest request) throws AuthException {
        try {
            return new EntraHttpClient(HttpSettings.from(context.environment(), context.interaction()::debug)
                    .withRequestTimeout(request.timeout()));
        } catch (EntraAuthException e) {
            throw asAuth(e);
        }
    }

    /**
     * A public client (no credential) for the user sign-in flows.
     *
     * @param profile the profile
     * @param context the flow's context, for the secret store
     * @param http    the transport (possibly wrapped, as the device-code flow does)
     * @return the application
     * @throws AuthException when the authority is not a URL or the store cannot be opened
     */
    public static PublicClientApplication publicClient(Profile profile, FlowContext context, IHttpClient http)
            throws AuthException {
        try {
            return configure(PublicClientApplication.builder(profile.clientId()), profile, context, http).build();
        } catch (EntraAuthException e) {
            throw asAuth(e);
        }
    }

    /**
     * A confidential client proving itself with the profile's client secret or certificate.
     *
     * @param profile a ClientSecret or Certificate profile
     * @param context the flow's context
     * @param http    the transport
     * @return the application
     * @throws AuthException when the credential is missing or unusable (checked before any request)
     */
    public static ConfidentialClientApplication confidentialClient(Profile profile, FlowContext context, IHttpClient http)
            throws AuthException {
        IClientCredential credential = clientCredential(profile, context);
        try {
            return configure(ConfidentialClientApplication.builder(profile.clientId(), credential), profile, context, http).build();
        } catch (EntraAuthException e) {
            throw asAuth(e);
        }
    }

    private static <B extends AbstractClientApplicationBase.Builder<B>> B configure(B builder, Profile profile,
            FlowContext context, IHttpClient http) throws EntraAuthException {
        try {
            builder.authority(Authorities.of(profile))
                    .httpClient(http)
                    // msal retries a 5xx once more on its own, which doubled EntraHttpClient's attempts and retried
                    // even an AADSTS50196 answer: the retries are EntraHttpClient's alone
                    .disableInternalRetries()
                    .setTokenCacheAccessAspect(new VaultTokenCache(context.secrets(), profile.name(), context.home(),
                            context.interaction()));
        } catch (MalformedURLException e) {
            throw new AuthException(ExitCode.USAGE, "the authority " + Authorities.of(profile) + " is not a valid URL", e);
        }
        if (!Authorities.isKnownCloud(profile)) {
            builder.validateAuthority(false).instanceDiscovery(false);
        }
        return builder;
    }

    /**
     * The client secret from the store; or the certificate, checked before any request, signing a fresh
     * assertion for every request with the exact token endpoint as its audience.
     *
     * @param profile a ClientSecret, Certificate or FederatedToken profile (whose token file is read again for every
     *                request)
     * @param context the flow's context
     * @return msal's credential
     * @throws AuthException when the secret is missing or the certificate unusable
     */
    public static IClientCredential clientCredential(Profile profile, FlowContext context) throws AuthException {
        try {
            if (profile.authMethod() == AuthMethod.Certificate) {
                byte[] password = context.secrets().read(new SecretKey(profile.name(), SecretKey.CERTIFICATE_PASSWORD)).orElse(null);
                char[] chars = password == null ? null : new String(password, StandardCharsets.UTF_8).toCharArray();
                CertificateCredential certificate;
                try {
                    certificate = CertificateLoader.load(profile.certificate(), chars, context.clock(), context.interaction());
                } finally {
                    if (password != null) {
                        Arrays.fill(password, (byte) 0);
                    }
                    if (chars != null) {
                        Arrays.fill(chars, '\0');
                    }
                }
                return ClientCredentialFactory.createFromCallback((AssertionRequestOptions options) ->
                        ClientAssertions.create(certificate, profile.clientId(), options.tokenEndpoint(), false, context.clock()));
            }
            if (profile.authMethod() == AuthMethod.FederatedToken) {
                FederatedTokenFile file = FederatedTokenFile.of(profile, context.environment());
                return ClientCredentialFactory.createFromCallback((AssertionRequestOptions options) -> file.readForRequest());
            }
            if (profile.authMethod() != AuthMethod.ClientSecret) {
                throw new AuthException(ExitCode.USAGE, "profile '" + profile.name() + "' has no client credential (auth method "
                        + profile.authMethod() + "); this flow needs a ClientSecret or Certificate profile");
            }
            byte[] secret = context.secrets().read(new SecretKey(profile.name(), SecretKey.CLIENT_SECRET))
                    .orElseThrow(() -> new AuthException(ExitCode.NOT_FOUND, "no client secret is stored for profile '"
                            + profile.name() + "'; add it with 'entra-auth-cli config edit -p " + profile.name() + " --secret-stdin'"));
            try {
                return ClientCredentialFactory.createFromSecret(new String(secret, StandardCharsets.UTF_8));
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } catch (EntraAuthException e) {
            throw asAuth(e);
        }
    }

    private static AuthException asAuth(EntraAuthException e) {
        return e instanceof AuthException auth ? auth : new AuthException(e.exitCode(), e.getMessage(), e);
    }
}
