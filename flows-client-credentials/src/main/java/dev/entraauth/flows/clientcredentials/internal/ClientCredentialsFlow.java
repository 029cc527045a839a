package dev.entraauth.flows.clientcredentials.internal;

import com.microsoft.aad.msal4j.AssertionRequestOptions;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Identifiers;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.core.credential.CertificateCredential;
import dev.entraauth.core.credential.CertificateLoader;
import dev.entraauth.core.credential.ClientAssertions;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.HttpSettings;
import dev.entraauth.core.msal.Authorities;
import dev.entraauth.core.msal.MsalErrors;
import dev.entraauth.core.msal.VaultTokenCache;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * App-only tokens for a confidential client (v2-oauth2-client-creds-grant-flow) through msal4j's
 * {@code ConfidentialClientApplication}, with entra-auth-cli's HTTP transport and the token cache in the
 * secret store: a valid cached token is answered without a request.
 */
public final class ClientCredentialsFlow implements Flow {

    /** Creates the provider; does no I/O. */
    public ClientCredentialsFlow() {
    }

    @Override
    public String name() {
        return "ClientCredentials";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("client-credentials");
    }

    @Override
    public String description() {
        return "app-only tokens with a client secret or a certificate (service principals, CI)";
    }

    @Override
    public boolean canServe(Profile profile) {
        return (profile.authMethod() == AuthMethod.ClientSecret || profile.authMethod() == AuthMethod.Certificate)
                && !Identifiers.isMultiTenant(profile.tenantId());
    }

    @Override
    public TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException {
        Profile profile = request.profile();
        for (String scope : request.scopes()) {
            if (!scope.endsWith("/.default")) {
                throw new AuthException(ExitCode.USAGE, "the scope '" + scope + "' does not end in /.default; client credentials"
                        + " request all the app's permissions on one resource, such as https://graph.microsoft.com/.default");
            }
        }
        IClientCredential credential = credential(profile, context);
        ConfidentialClientApplication application;
        EntraHttpClient httpClient;
        try {
            HttpSettings http = HttpSettings.from(context.environment(), context.interaction()::debug)
                    .withRequestTimeout(request.timeout());
            httpClient = new EntraHttpClient(http);
            ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(profile.clientId(), credential)
                    .authority(Authorities.of(profile))
                    .httpClient(httpClient)
                    // msal retries a 5xx once more on its own, which doubled EntraHttpClient's attempts and retried
                    // even an AADSTS50196 answer: the retries are EntraHttpClient's alone
                    .disableInternalRetries()
                    .setTokenCacheAccessAspect(new VaultTokenCache(context.secrets(), profile.name(), context.home(), context.interaction()));
            if (!Authorities.isKnownCloud(profile)) {
                builder.validateAuthority(false).instanceDiscovery(false);
            }
            application = builder.build();
        } catch (MalformedURLException e) {
            throw new AuthException(ExitCode.USAGE, "the authority " + Authorities.of(profile) + " is not a valid URL", e);
        } catch (AuthException e) {
            throw e;
        } catch (dev.entraauth.api.EntraAuthException e) {
            throw new AuthException(e.exitCode(), e.getMessage(), e);
        }
        ClientCredentialParameters parameters = ClientCredentialParameters.builder(new LinkedHashSet<>(request.scopes()))
                .skipCache(request.forceRefresh())
                .build();
        CompletableFuture<IAuthenticationResult> future = application.acquireToken(parameters);
        try {
            IAuthenticationResult result = future.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            boolean cached = httpClient.requestsSent() == 0;
            return new TokenResult(result.accessToken(), "Bearer", result.expiresOnDate().toInstant(), List.copyOf(request.scopes()),
                    profile.tenantId(), cached);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException(ExitCode.ERROR, "interrupted", e);
        } catch (Exception e) {
            future.cancel(true);
            throw MsalErrors.translate(e, profile.name());
        }
    }

    /**
     * The client secret from the store; or the certificate, checked before any request, signing a fresh
     * assertion for every request with the exact token endpoint as its audience.
     */
    private static IClientCredential credential(Profile profile, FlowContext context) throws AuthException {
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
            byte[] secret = context.secrets().read(new SecretKey(profile.name(), SecretKey.CLIENT_SECRET))
                    .orElseThrow(() -> new AuthException(ExitCode.NOT_FOUND, "no client secret is stored for profile '"
                            + profile.name() + "'; add it with 'entra-auth-cli config edit -p " + profile.name() + " --secret-stdin'"));
            try {
                return ClientCredentialFactory.createFromSecret(new String(secret, StandardCharsets.UTF_8));
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } catch (AuthException e) {
            throw e;
        } catch (dev.entraauth.api.EntraAuthException e) {
            throw new AuthException(e.exitCode(), e.getMessage(), e);
        }
    }
}
