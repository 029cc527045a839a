package dev.entraauth.flows.clientcredentials.internal;

import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.Identifiers;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.msal.MsalApplications;
import dev.entraauth.core.msal.MsalErrors;
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
        return profile.authMethod().isConfidential() && !Identifiers.isMultiTenant(profile.tenantId());
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
        EntraHttpClient httpClient = MsalApplications.transport(context, request);
        ConfidentialClientApplication application = MsalApplications.confidentialClient(profile, context, httpClient);
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
}
