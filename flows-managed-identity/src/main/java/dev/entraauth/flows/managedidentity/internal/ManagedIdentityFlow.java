package dev.entraauth.flows.managedidentity.internal;

import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ManagedIdentityApplication;
import com.microsoft.aad.msal4j.ManagedIdentityId;
import com.microsoft.aad.msal4j.ManagedIdentityParameters;
import com.microsoft.aad.msal4j.ManagedIdentitySourceType;
import com.microsoft.aad.msal4j.MsalServiceException;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.AuthException;
import dev.entraauth.api.flow.Flow;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.flow.TokenRequest;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.http.EntraHttpClient;
import dev.entraauth.core.http.HttpSettings;
import dev.entraauth.core.http.Sleeper;
import dev.entraauth.core.msal.MsalErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Tokens of an Azure managed identity through msal4j's {@code ManagedIdentityApplication}: the system-assigned
 * identity, or a user-assigned one by client ID, object ID or resource ID. msal chooses the source from the
 * environment (Service Fabric, App Service, Cloud Shell, Azure Arc, else IMDS) and speaks its protocol
 * ({@code Metadata: true}, {@code X-IDENTITY-HEADER}, Arc's challenge), except Service Fabric's, which
 * {@link ServiceFabric} speaks itself; the requests go through {@link ManagedIdentityTransport}: no proxy ever, a
 * 2-second connect timeout, a bounded first answer, Azure's retry guidance.
 */
public final class ManagedIdentityFlow implements Flow {
    /** How long an endpoint may take to accept a connection: IMDS off Azure never answers, so this bounds the probe. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long IMDS may take to answer the first request once it accepted the connection. IMDS answers on the link
     * within a second; something else listening on its address (a captive portal, a proxy) must not hold the command
     * until its {@code --timeout}. The other sources' endpoints are declared by the environment and may forward the
     * first request to Entra (seconds on a cold start): they get the request timeout, within {@code --timeout}.
     */
    static final Duration FIRST_ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final Set<String> PROXY_VARIABLES = Set.of("https_proxy", "http_proxy", "no_proxy", "all_proxy");

    private final Function<Map<String, String>, Optional<Path>> arcDirectory;
    private final Duration firstAnswerTimeout;
    private final Sleeper sleeper;

    /** Creates the provider; does no I/O. */
    public ManagedIdentityFlow() {
        this(ArcChallenge::defaultDirectory);
    }

    /** @param arcDirectory where Azure Arc's key files must be, per environment (tests use a directory of their own) */
    ManagedIdentityFlow(Function<Map<String, String>, Optional<Path>> arcDirectory) {
        this(arcDirectory, FIRST_ANSWER_TIMEOUT, Sleeper.SYSTEM);
    }

    /**
     * @param arcDirectory       where Azure Arc's key files must be, per environment
     * @param firstAnswerTimeout how long an endpoint may take to answer the first request once connected
     * @param sleeper            the clock and the waits between retries (tests record them instead of sleeping)
     */
    ManagedIdentityFlow(Function<Map<String, String>, Optional<Path>> arcDirectory, Duration firstAnswerTimeout, Sleeper sleeper) {
        this.arcDirectory = arcDirectory;
        this.firstAnswerTimeout = firstAnswerTimeout;
        this.sleeper = sleeper;
    }

    @Override
    public String name() {
        return "ManagedIdentity";
    }

    @Override
    public Set<String> aliases() {
        return Set.of("managed-identity", "msi");
    }

    @Override
    public String description() {
        return "tokens of this Azure resource's managed identity (VM, App Service, Arc, Cloud Shell, Service Fabric); no secret";
    }

    @Override
    public boolean canServe(Profile profile) {
        return profile.authMethod() == AuthMethod.ManagedIdentity;
    }

    @Override
    public TokenResult acquire(TokenRequest request, FlowContext context) throws AuthException {
        Profile profile = request.profile();
        if (!canServe(profile)) {
            throw new AuthException(ExitCode.USAGE, "profile '" + profile.name() + "' has auth method " + profile.authMethod()
                    + "; the ManagedIdentity flow needs a profile created with --auth-method ManagedIdentity");
        }
        String resource = resource(request.scopes());
        Map<String, String> environment = Map.copyOf(context.environment());
        try {
            return MsalEnvironment.with(environment, () -> acquire(request, context, environment, resource));
        } catch (AuthException e) {
            throw e;
        } catch (Exception e) {
            throw new AuthException(ExitCode.ABNORMAL, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private TokenResult acquire(TokenRequest request, FlowContext context, Map<String, String> environment, String resource)
            throws AuthException {
        Profile profile = request.profile();
        ManagedIdentitySourceType source = ManagedIdentityApplication.getManagedIdentitySource();
        String sourceName = sourceName(source);
        context.interaction().debug("managed identity source: " + sourceName + " (chosen from the environment as msal does)");
        if (source == ManagedIdentitySourceType.SERVICE_FABRIC) {
            return ServiceFabric.acquire(request, context, environment, resource, this);
        }
        Optional<ArcChallenge> arc = Optional.empty();
        if (source == ManagedIdentitySourceType.AZURE_ARC) {
            Path directory = arcDirectory.apply(environment).orElseThrow(() -> new AuthException(ExitCode.NO_PROVIDER,
                    "IDENTITY_ENDPOINT and IMDS_ENDPOINT name an Azure Arc agent, but Azure Arc has no agent for "
                            + System.getProperty("os.name") + " (Linux and Windows only)"));
            arc = Optional.of(new ArcChallenge(directory));
        }
        EntraHttpClient http = transport(context, request);
        ManagedIdentityTransport transport = new ManagedIdentityTransport(http, source, arc, request.timeout(),
                PROBE_TIMEOUT, firstAnswerTimeout, http.requestTimeout(), sleeper, context.interaction()::debug);
        ManagedIdentityApplication application = ManagedIdentityApplication.builder(identity(profile))
                .httpClient(transport)
                // msal's own IMDS retry policy would retry again under ours; the retries are the transport's alone
                .disableInternalRetries()
                .build();
        ManagedIdentityParameters parameters = ManagedIdentityParameters.builder(resource)
                .forceRefresh(request.forceRefresh())
                .build();
        CompletableFuture<IAuthenticationResult> future;
        try {
            future = application.acquireTokenForManagedIdentity(parameters);
        } catch (Exception e) {
            throw translate(e, profile, source, transport.lastStatus());
        }
        try {
            IAuthenticationResult result = future.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new TokenResult(result.accessToken(), "Bearer", result.expiresOnDate().toInstant(),
                    List.copyOf(request.scopes()), tenantOf(profile, result.accessToken()), transport.requestsSent() == 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthException(ExitCode.ERROR, "interrupted", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AuthException(ExitCode.TIMEOUT, "no token from the managed identity endpoint (" + sourceName
                    + ") within the --timeout of " + Math.max(1, request.timeout().toSeconds()) + " s; raise --timeout", e);
        } catch (Exception e) {
            future.cancel(true);
            throw translate(e, profile, source, transport.lastStatus());
        }
    }

    /** Without proxies, and with a short connect timeout: managed identity endpoints are on this host or its link. */
    private static EntraHttpClient transport(FlowContext context, TokenRequest request) throws AuthException {
        try {
            return new EntraHttpClient(directSettings(context, request));
        } catch (EntraAuthException e) {
            throw e instanceof AuthException auth ? auth : new AuthException(e.exitCode(), e.getMessage(), e);
        }
    }

    /** The settings of every managed identity request: no proxy whatever the environment says, a short connect timeout. */
    static HttpSettings directSettings(FlowContext context, TokenRequest request) {
        Map<String, String> direct = new HashMap<>();
        context.environment().forEach((k, v) -> {
            if (!PROXY_VARIABLES.contains(k.toLowerCase(Locale.ROOT))) {
                direct.put(k, v);
            }
        });
        direct.put("NO_PROXY", "*");
        HttpSettings base = HttpSettings.from(direct, context.interaction()::debug).withRequestTimeout(request.timeout());
        return new HttpSettings(PROBE_TIMEOUT, base.requestTimeout(), 1, base.maxRetryWait(), base.caBundle(),
                base.environment(), base.debug());
    }

    /** {@return a transport over the given client, with this flow's bounds and sleeper} */
    ManagedIdentityTransport transport(EntraHttpClient http, ManagedIdentitySourceType source, TokenRequest request,
                                       FlowContext context) {
        return new ManagedIdentityTransport(http, source, Optional.empty(), request.timeout(), PROBE_TIMEOUT,
                firstAnswerTimeout, http.requestTimeout(), sleeper, context.interaction()::debug);
    }

    static ManagedIdentityId identity(Profile profile) {
        if (profile.clientId() != null) {
            return ManagedIdentityId.userAssignedClientId(profile.clientId());
        }
        if (profile.managedIdentityId() != null) {
            return profile.managedIdentityIsResourceId() ? ManagedIdentityId.userAssignedResourceId(profile.managedIdentityId())
                    : ManagedIdentityId.userAssignedObjectId(profile.managedIdentityId());
        }
        return ManagedIdentityId.systemAssigned();
    }

    /** A managed identity gets a token for one resource: {@code https://graph.microsoft.com/.default} or the resource itself. */
    static String resource(List<String> scopes) throws AuthException {
        if (scopes.size() != 1) {
            throw new AuthException(ExitCode.USAGE, "a managed identity gets a token for one resource at a time; give one --scope"
                    + " such as https://graph.microsoft.com/.default (got " + scopes.size() + ")");
        }
        String scope = scopes.getFirst();
        if (scope.endsWith("/.default")) {
            return scope.substring(0, scope.length() - "/.default".length());
        }
        if (!scope.contains("://") && !scope.startsWith("api://")) {
            throw new AuthException(ExitCode.USAGE, "the scope '" + scope + "' names no resource; a managed identity needs"
                    + " <resource>/.default, such as https://graph.microsoft.com/.default");
        }
        return scope;
    }

    static String sourceName(ManagedIdentitySourceType source) {
        return switch (source) {
            case APP_SERVICE -> "App Service (IDENTITY_ENDPOINT)";
            case AZURE_ARC -> "Azure Arc (IDENTITY_ENDPOINT)";
            case CLOUD_SHELL -> "Cloud Shell (MSI_ENDPOINT)";
            case SERVICE_FABRIC -> "Service Fabric (IDENTITY_ENDPOINT)";
            default -> "IMDS";
        };
    }

    /**
     * {@return whether the source's endpoint is probed rather than declared: IMDS (msal's default when the
     * environment names no endpoint) sits at an address where something else may listen, so its first answer has
     * the short bound and its 404 is retried; the others are named by environment variables}
     */
    static boolean isProbed(ManagedIdentitySourceType source) {
        return switch (source) {
            case APP_SERVICE, AZURE_ARC, CLOUD_SHELL, SERVICE_FABRIC -> false;
            case IMDS, DEFAULT_TO_IMDS, NONE -> true;
        };
    }

    private static AuthException translate(Throwable failure, Profile profile, ManagedIdentitySourceType type, int lastStatus) {
        String source = sourceName(type);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TransportFailure known) {
                return known.failure();
            }
            if (t instanceof AuthException auth) {
                return auth;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MsalServiceException e && e.errorCode() != null && (e.errorCode().contains("managed_identity")
                    || e.managedIdentitySource() != null)) {
                String message = e.getMessage() == null ? "" : e.getMessage().replace("[Managed Identity] ", "").strip();
                int newline = message.indexOf('\n');
                message = newline < 0 ? message : message.substring(0, newline);
                if (message.length() > 300) {
                    message = message.substring(0, 300) + "…";
                }
                ExitCode exit = message.contains("Identity not found") || message.contains("has not been assigned")
                        ? ExitCode.AUTHENTICATION
                        : lastStatus != 400 && lastStatus != 401 && ManagedIdentityRetries.isRetryable(lastStatus)
                        && (lastStatus != 404 || isProbed(type))
                        ? ExitCode.SERVICE : ExitCode.ERROR;
                if (exit == ExitCode.SERVICE && lastStatus == 404) {
                    // see ManagedIdentityRetries: Azure's IMDS answers 404 while it updates; other metadata servers too
                    message = message + " (HTTP 404 after the retries: Azure's IMDS answers 404 only while it is being"
                            + " updated; if this is not an Azure VM, the metadata server here is not Azure's)";
                } else if (exit == ExitCode.SERVICE) {
                    message = message + " (HTTP " + lastStatus + " after the retries)";
                }
                String hint = exit == ExitCode.AUTHENTICATION ? "; check that the identity "
                        + (profile.clientId() != null ? profile.clientId() : profile.managedIdentityId() != null
                        ? profile.managedIdentityId() : "(system-assigned)") + " is assigned to this resource" : "";
                return new AuthException(exit, source + ": " + message + hint, e);
            }
        }
        return MsalErrors.translate(failure, profile.name());
    }

    /**
     * A managed identity profile names no tenant: the token's {@code tid} says which one issued it (for the JSON
     * output's {@code tenant_id}); empty when the token carries none.
     */
    static String tenantOf(Profile profile, String accessToken) {
        if (profile.tenantId() != null) {
            return profile.tenantId();
        }
        try {
            Object tid = dev.entraauth.core.token.Jwt.decode(accessToken).claims().get("tid");
            return tid == null ? "" : tid.toString();
        } catch (dev.entraauth.api.EntraAuthException e) {
            return "";
        }
    }
}
