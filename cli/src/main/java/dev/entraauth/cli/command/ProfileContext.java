package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.flow.StandardFlow;
import dev.entraauth.api.flow.TokenResult;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.CertificateSource;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.core.cache.AccessTokenCache;
import dev.entraauth.core.credential.CertificateLoader;
import dev.entraauth.core.token.Jwt;
import dev.entraauth.core.token.TokenSummary;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code config show -p N --context}: a profile as Microsoft Entra PowerShell's {@code Get-EntraContext} shows a
 * connection: client and tenant, the certificate's thumbprints, the auth type, the scopes or roles of the cached
 * token, the account, the app's name, and the environment: the cloud as Entra PowerShell names it ({@code Global},
 * {@code USGov}, {@code China}), then the profile's own environment label and the cloud's id here. What needs the secret store (the cached token, a PFX
 * password) is left out with a warning when the store cannot be opened; the token itself is never shown.
 */
final class ProfileContext {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private ProfileContext() {
    }

    static ProfileContext of(CliContext context, Profile profile) {
        ProfileContext view = new ProfileContext();
        Map<String, Object> f = view.fields;
        f.put("profile", profile.name());
        f.put("clientId", profile.clientId());
        f.put("tenantId", profile.tenantId());
        f.put("certificateThumbprint", null);
        f.put("certificateThumbprintSha256", null);
        f.put("certificateName", null);
        f.put("scopes", profile.scopes());
        f.put("scopesFrom", "profile settings (no cached token)");
        f.put("authType", inferredAuthType(profile));
        f.put("account", null);
        f.put("appName", profile.appName());
        f.put("tokenExpires", null);
        // Get-EntraContext's Environment is the cloud by Entra PowerShell's name (Global, USGov, China); the
        // profile's own label (dev, staging, prod) is shown beside it as EnvironmentLabel
        f.put("environment", environmentName(profile.cloud()));
        f.put("environmentLabel", profile.environmentLabel().orElse(null));
        f.put("cloud", profile.cloud().name());
        f.put("authorityHost", profile.effectiveAuthorityHost().toString());
        if (profile.authMethod() == AuthMethod.ManagedIdentity) {
            f.put("managedIdentity", profile.clientId() != null ? "user-assigned, client ID " + profile.clientId()
                    : profile.managedIdentityId() != null ? "user-assigned, " + (profile.managedIdentityIsResourceId()
                    ? "resource ID " : "object ID ") + profile.managedIdentityId() : "system-assigned");
        }
        SecretVault vault = openVault(context, profile);
        profile.certificateSource().ifPresent(source -> view.certificate(context, profile, source, vault));
        if (vault != null) {
            view.token(context, profile, vault);
        }
        return view;
    }

    private static SecretVault openVault(CliContext context, Profile profile) {
        try {
            return context.vault();
        } catch (EntraAuthException e) {
            context.interaction().warn("the secret store cannot be opened (" + e.getMessage() + "); the cached token"
                    + (profile.certificateSource().map(c -> c.kind() == CertificateSource.Kind.PFX).orElse(false) ? " and the PFX" : "")
                    + " are not shown");
            return null;
        }
    }

    private void certificate(CliContext context, Profile profile, CertificateSource source, SecretVault vault) {
        byte[] password = null;
        try {
            if (source.kind() == CertificateSource.Kind.PFX) {
                if (vault == null) {
                    return;
                }
                password = vault.read(new SecretKey(profile.name(), SecretKey.CERTIFICATE_PASSWORD)).orElse(null);
            }
            char[] chars = password == null ? null : new String(password, StandardCharsets.UTF_8).toCharArray();
            X509Certificate certificate = CertificateLoader.certificate(source, chars);
            if (chars != null) {
                Arrays.fill(chars, '\0');
            }
            fields.put("certificateThumbprint", CertificateLoader.thumbprint(certificate, "SHA-1"));
            fields.put("certificateThumbprintSha256", CertificateLoader.thumbprint(certificate, "SHA-256"));
            fields.put("certificateName", certificate.getSubjectX500Principal().getName());
            fields.put("certificateExpires", certificate.getNotAfter().toInstant().toString());
        } catch (EntraAuthException e) {
            context.interaction().warn("cannot read the certificate: " + e.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, (byte) 0);
            }
        }
    }

    private void token(CliContext context, Profile profile, SecretVault vault) {
        List<TokenResult> tokens;
        try {
            tokens = AccessTokenCache.all(vault, profile.name());
        } catch (EntraAuthException e) {
            context.interaction().warn("cannot read the token cache: " + e.getMessage());
            return;
        }
        if (tokens.isEmpty()) {
            return;
        }
        TokenResult newest = tokens.getLast();
        Instant now = context.clock().instant();
        fields.put("tokenExpires", newest.expiresOn().toString());
        try {
            TokenSummary facts = TokenSummary.of(Jwt.decode(newest.accessToken()));
            boolean appOnly = facts.kind() == TokenSummary.Kind.AppOnly;
            fields.put("scopes", appOnly ? facts.roles() : facts.scopes());
            fields.put("scopesFrom", "cached token (" + (appOnly ? "roles" : "scp") + "), " + facts.timeLeftText(now));
            if (facts.kind() == TokenSummary.Kind.AppOnly || facts.kind() == TokenSummary.Kind.Delegated) {
                fields.put("authType", facts.kind().name());
            }
            fields.put("account", facts.user());
            if (fields.get("appName") == null) {
                fields.put("appName", facts.appName());
            }
        } catch (EntraAuthException notJwt) {
            fields.put("scopes", newest.scopes());
            fields.put("scopesFrom", "cached token's scopes (the token is not a JWT)");
        }
    }

    /** Without a token: app-only for a confidential client whose flow is ClientCredentials, else delegated. */
    private static String inferredAuthType(Profile profile) {
        if (profile.authMethod() == AuthMethod.ManagedIdentity) {
            return "AppOnly";
        }
        String clientCredentials = StandardFlow.ClientCredentials.name();
        String flow = profile.defaultFlowName().orElse(profile.authMethod().isConfidential() ? clientCredentials : "");
        return flow.equals(clientCredentials) ? "AppOnly" : "Delegated";
    }

    /** The names Microsoft Entra PowerShell gives the clouds ({@code Get-EntraEnvironment}). */
    private static String environmentName(Cloud cloud) {
        return switch (cloud) {
            case AzurePublic -> "Global";
            case AzureUSGovernment -> "USGov";
            case AzureChina -> "China";
            case Custom -> "Custom";
        };
    }

    Map<String, Object> json() {
        return fields;
    }

    void print(PrintWriter out) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("Profile", text(fields.get("profile")));
        lines.put("ClientId", text(fields.get("clientId")));
        lines.put("TenantId", text(fields.get("tenantId")));
        lines.put("CertificateThumbprint", text(fields.get("certificateThumbprint")));
        if (fields.get("certificateThumbprintSha256") != null) {
            lines.put("CertificateSha256", text(fields.get("certificateThumbprintSha256")));
            lines.put("CertificateName", text(fields.get("certificateName")));
            lines.put("CertificateExpires", text(fields.get("certificateExpires")));
        }
        List<String> scopes = new ArrayList<>();
        if (fields.get("scopes") instanceof List<?> list) {
            list.forEach(s -> scopes.add(String.valueOf(s)));
        }
        lines.put("Scopes", "{" + String.join(", ", scopes) + "}");
        lines.put("ScopesFrom", text(fields.get("scopesFrom")));
        lines.put("AuthType", text(fields.get("authType")));
        if (fields.get("managedIdentity") != null) {
            lines.put("ManagedIdentity", text(fields.get("managedIdentity")));
        }
        lines.put("Account", text(fields.get("account")));
        lines.put("AppName", text(fields.get("appName")));
        lines.put("Environment", text(fields.get("environment")));
        lines.put("EnvironmentLabel", text(fields.get("environmentLabel")));
        lines.put("Cloud", text(fields.get("cloud")));
        lines.put("AuthorityHost", text(fields.get("authorityHost")));
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        lines.forEach((k, v) -> out.println((String.format("%-" + width + "s : %s", k, TokenView.safe(v))).stripTrailing()));
    }

    private static String text(Object value) {
        return Optional.ofNullable(value).map(String::valueOf).orElse("");
    }
}
