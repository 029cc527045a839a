package dev.entraauth.core.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.CertificateSource;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.PortRange;
import dev.entraauth.api.profile.Profile;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One profile as stored in JSON (profiles.json and export files). Its constructor validates by building
 * the {@link Profile}, so a bad value is reported with the line and column of the entry.
 *
 * @param name             profile name
 * @param tenantId         tenant
 * @param clientId         client ID
 * @param authMethod       auth method name
 * @param certificate      certificate reference, or null
 * @param defaultFlow      default flow's canonical name, or null
 * @param scopes           default scopes, or null
 * @param cloud            cloud name, or null for AzurePublic
 * @param authorityHost    authority host URL, or null
 * @param redirectPorts    redirect port range {@code A-B}, or null
 * @param environment      environment label, or null
 * @param appName          application display name, or null
 * @param credentialExpiry ISO-8601 instant, or null
 * @param redirectUri      a web app's redirect URI, or null
 * @param managedIdentityId a user-assigned managed identity's object ID or resource ID, or null
 * @param federatedTokenFile the federated token file, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "tenantId", "clientId", "authMethod", "certificate", "defaultFlow", "scopes", "cloud",
        "authorityHost", "redirectPorts", "environment", "appName", "credentialExpiry", "redirectUri",
        "managedIdentityId", "federatedTokenFile"})
public record ProfileEntry(String name, String tenantId, String clientId, String authMethod, CertificateEntry certificate,
                           String defaultFlow, List<String> scopes, String cloud, String authorityHost,
                           String redirectPorts, String environment, String appName, String credentialExpiry,
                           String redirectUri, String managedIdentityId, String federatedTokenFile) {

    /** Validates every field by building the profile. */
    public ProfileEntry {
        new Conversion().toProfile(name, tenantId, clientId, authMethod, certificate, defaultFlow, scopes, cloud,
                authorityHost, redirectPorts, environment, appName, credentialExpiry, redirectUri, managedIdentityId,
                federatedTokenFile);
    }

    /** {@return the profile this entry describes} */
    public Profile toProfile() {
        return new Conversion().toProfile(name, tenantId, clientId, authMethod, certificate, defaultFlow, scopes, cloud,
                authorityHost, redirectPorts, environment, appName, credentialExpiry, redirectUri, managedIdentityId,
                federatedTokenFile);
    }

    /**
     * @param p a profile
     * @return its JSON form
     */
    public static ProfileEntry of(Profile p) {
        return new ProfileEntry(p.name(), p.tenantId(), p.clientId(), p.authMethod().name(),
                p.certificate() == null ? null : new CertificateEntry(p.certificate().kind().name(), p.certificate().value()),
                p.defaultFlow(), p.scopes().isEmpty() ? null : p.scopes(),
                p.cloud().name(), p.authorityHost() == null ? null : p.authorityHost().toString(),
                p.redirectPorts() == null ? null : p.redirectPorts().toString(), p.environment(), p.appName(),
                p.credentialExpiry() == null ? null : p.credentialExpiry().toString(),
                p.redirectUri() == null ? null : p.redirectUri().toString(), p.managedIdentityId(),
                p.federatedTokenFile());
    }

    /**
     * A certificate reference as stored in JSON.
     *
     * @param kind  PFX, PEM, THUMBPRINT or SUBJECT
     * @param value path, thumbprint or subject
     */
    public record CertificateEntry(String kind, String value) {
    }

    /** Turns the JSON strings into a validated profile; each failure names its field. */
    private static final class Conversion {
        Profile toProfile(String name, String tenantId, String clientId, String authMethod, CertificateEntry certificate,
                          String defaultFlow, List<String> scopes, String cloud, String authorityHost,
                          String redirectPorts, String environment, String appName, String credentialExpiry,
                          String redirectUri, String managedIdentityId, String federatedTokenFile) {
            return Profile.builder(name)
                    .tenantId(tenantId)
                    .clientId(clientId)
                    .authMethod(AuthMethod.parse(authMethod).orElseThrow(() -> new IllegalArgumentException(
                            "authMethod: " + quote(authMethod) + " is not one of " + names(AuthMethod.values()))))
                    .certificate(certificate == null ? null : certificate(certificate))
                    .defaultFlow(defaultFlow)
                    .scopes(scopes)
                    .cloud(cloud == null ? Cloud.AzurePublic : Cloud.parse(cloud).orElseThrow(() -> new IllegalArgumentException(
                            "cloud: " + quote(cloud) + " is not one of " + names(Cloud.values()))))
                    .authorityHost(authorityHost == null ? null : uri("authorityHost", authorityHost))
                    .redirectPorts(redirectPorts == null ? null : PortRange.parse(redirectPorts))
                    .environment(environment)
                    .appName(appName)
                    .credentialExpiry(credentialExpiry == null ? null : instant(credentialExpiry))
                    .redirectUri(redirectUri == null ? null : uri("redirectUri", redirectUri))
                    .managedIdentityId(managedIdentityId)
                    .federatedTokenFile(federatedTokenFile)
                    .build();
        }

        private static CertificateSource certificate(CertificateEntry entry) {
            CertificateSource.Kind kind = Arrays.stream(CertificateSource.Kind.values())
                    .filter(k -> k.name().equalsIgnoreCase(entry.kind() == null ? "" : entry.kind()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("certificate.kind: " + quote(entry.kind())
                            + " is not one of " + names(CertificateSource.Kind.values())));
            return new CertificateSource(kind, entry.value());
        }

        private static URI uri(String field, String text) {
            try {
                return new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(field + ": " + quote(text) + " is not a URL");
            }
        }

        private static Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("credentialExpiry: " + quote(text)
                        + " is not an ISO-8601 instant such as 2027-05-01T00:00:00Z");
            }
        }

        private static String quote(String text) {
            return text == null ? "missing" : "'" + text + "'";
        }

        private static String names(Enum<?>[] values) {
            return Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
        }
    }

    @Override
    public String toString() {
        return "ProfileEntry[" + name + "]";
    }
}
