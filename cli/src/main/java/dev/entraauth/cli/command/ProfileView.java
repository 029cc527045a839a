package dev.entraauth.cli.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.core.profile.ProfileEntry;
import dev.entraauth.core.profile.ProfileJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How profiles are printed: a table, a detail view, or JSON (the profiles.json entry form). Never a secret. */
final class ProfileView {
    private static final ObjectMapper JSON = ProfileJson.mapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private ProfileView() {
    }

    static void json(PrintWriter out, Object value) throws EntraAuthException {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new EntraAuthException(ExitCode.ABNORMAL, "cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static List<ProfileEntry> entries(List<Profile> profiles) {
        return profiles.stream().map(ProfileEntry::of).toList();
    }

    static void table(PrintWriter out, List<Profile> profiles) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "TENANT", "CLIENT ID", "AUTH", "DEFAULT FLOW", "ENVIRONMENT", "CREDENTIAL EXPIRES"});
        for (Profile p : profiles) {
            rows.add(new String[] {p.name(), orDash(p.tenantId()), clientText(p), p.authMethod().name(),
                    p.defaultFlowName().orElse("(inferred)"), p.environmentLabel().orElse("-"), date(p.credentialExpiry())});
        }
        Table.print(out, rows);
    }

    static void details(PrintWriter out, Profile p) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Profile", p.name());
        fields.put("Tenant ID", orDash(p.tenantId()));
        fields.put("Client ID", clientText(p));
        fields.put("Auth method", p.authMethod().name());
        if (p.managedIdentityId() != null) {
            fields.put("Managed identity", "user-assigned, " + (p.managedIdentityIsResourceId() ? "resource ID " : "object ID ")
                    + p.managedIdentityId());
        }
        p.certificateSource().ifPresent(c -> fields.put("Certificate", c.kind() + " " + c.value()));
        if (p.authMethod() == AuthMethod.FederatedToken) {
            fields.put("Federated token", p.federatedTokenFile() != null ? "read from " + p.federatedTokenFile() + " for every request"
                    : "read from the file $AZURE_FEDERATED_TOKEN_FILE names, for every request");
        }
        if (p.authMethod() == AuthMethod.ClientSecret) {
            fields.put("Client secret", "kept in the secret store; never shown");
        }
        fields.put("Default flow", p.defaultFlowName().orElse("(inferred from the auth method)"));
        fields.put("Scopes", p.scopes().isEmpty() ? "(none; give --scope)" : String.join(" ", p.scopes()));
        fields.put("Cloud", p.cloud().name());
        fields.put("Authority host", p.effectiveAuthorityHost().toString());
        if (p.redirectPorts() != null) {
            fields.put("Redirect ports", p.redirectPorts().toString());
        }
        p.webRedirectUri().ifPresent(u -> fields.put("Redirect URI", u.toString()));
        p.environmentLabel().ifPresent(e -> fields.put("Environment", e));
        if (p.appName() != null) {
            fields.put("App name", p.appName());
        }
        if (p.credentialExpiry() != null) {
            fields.put("Credential expires", p.credentialExpiry().toString());
        }
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((k, v) -> out.println(String.format("%-" + (width + 1) + "s  %s", k + ":", v)));
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }

    /** A managed identity profile without a client ID uses the system-assigned identity (or one named by another ID). */
    private static String clientText(Profile p) {
        if (p.clientId() != null) {
            return p.clientId();
        }
        return p.managedIdentityId() != null ? "(user-assigned, see below)" : "(system-assigned)";
    }

    private static String date(Instant instant) {
        return instant == null ? "-" : DATE.format(instant.atZone(ZoneId.systemDefault()));
    }
}
