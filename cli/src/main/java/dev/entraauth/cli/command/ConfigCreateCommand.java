package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.StandardFlow;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.CertificateSource;
import dev.entraauth.api.profile.Cloud;
import dev.entraauth.api.profile.Identifiers;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.cli.terminal.Prompts;
import dev.entraauth.cli.terminal.Terminal;
import dev.entraauth.core.profile.ProfileRepository;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code config create} (alias {@code create-profile}): a new profile, asked for or given entirely by flags. */
@Command(name = "create", description = {
        "Create a profile. Asks for what the flags do not give; with --no-prompt (or without a terminal) fails instead.",
        "Secrets come from a no-echo prompt, --secret-stdin, --secret-env or --secret-file, never from a flag value."},
        mixinStandardHelpOptions = true)
final class ConfigCreateCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"--name", "-n"}, paramLabel = "NAME", description = "Profile name (letters, digits, '.', '_', '-').")
    String name;

    @Mixin
    ProfileFieldOptions fields;

    @Mixin
    SecretInputOptions secrets;

    @Option(names = "--no-prompt", description = "Never prompt: fail with a message naming the missing flag.")
    boolean noPrompt;

    @Option(names = "--create-secret", description = {"Create a new client secret in the app registration through Microsoft Graph"
            + " (signs in as you; needs Application.ReadWrite.All or Application.ReadWrite.OwnedBy) and save it to the profile.",
            "Named EAC-EXP-DD-MMM-YY after its expiry, 180 days ahead."})
    boolean createSecret;

    private ClientSecretChoice secretChoice;
    private boolean secretToCreate;

    ConfigCreateCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        secrets.checkExclusive();
        Prompts prompts = noPrompt ? new Prompts(Terminal.NONE, context.err()) : context.prompts();
        ProfileRepository repository = context.profiles();
        List<Profile> existing = repository.list();

        String profileName = name != null ? checked(() -> Identifiers.profileName(name))
                : prompts.ask("Profile name", existing.stream().noneMatch(p -> p.name().equals("default")) ? "default" : null,
                        "--name", Identifiers::profileName);
        if (existing.stream().anyMatch(p -> p.name().equals(profileName))) {
            throw new EntraAuthException(ExitCode.CONFLICT, "profile '" + profileName + "' exists already; change it with"
                    + " 'config edit -p " + profileName + "' or delete it first");
        }
        Profile.Builder builder = Profile.builder(profileName);
        fields.applyTo(builder, context.flows());

        // A managed identity has no app registration of its own here: no tenant to ask, and a client ID only for a
        // user-assigned identity (given with --client-id or --identity-id, never asked).
        boolean managed = fields.authMethod != null
                && ProfileFieldOptions.parseAuthMethod(fields.authMethod) == AuthMethod.ManagedIdentity;
        String tenant = fields.tenantId != null ? checked(() -> Identifiers.tenant(fields.tenantId))
                : managed ? null : prompts.ask("Tenant ID (GUID or domain)", null, "--tenant-id", Identifiers::tenant);
        String client = fields.clientId != null ? checked(() -> Identifiers.guid("clientId", fields.clientId))
                : managed ? null : prompts.ask("Client ID (application ID)", null, "--client-id", v -> Identifiers.guid("clientId", v));
        builder.tenantId(tenant).clientId(client);

        AuthMethod method = fields.authMethod != null ? ProfileFieldOptions.parseAuthMethod(fields.authMethod)
                : fields.certificate != null || fields.certificateThumbprint != null || fields.certificateSubject != null
                ? AuthMethod.Certificate
                : fields.federatedTokenFile != null ? AuthMethod.FederatedToken
                : secrets.hasSecret() || createSecret ? AuthMethod.ClientSecret
                : prompts.choose("Authentication method", List.of(AuthMethod.ClientSecret, AuthMethod.Certificate,
                        AuthMethod.PublicClient), 0, "--auth-method", Enum::name);
        builder.authMethod(method);
        if (method == AuthMethod.Certificate && fields.certificate == null && fields.certificateThumbprint == null
                && fields.certificateSubject == null) {
            Path path = prompts.ask("Certificate file (.pfx, .p12 or .pem)", null, "--certificate", Path::of);
            builder.certificate(ProfileFieldOptions.certificateSource(path));
        }
        Map<SecretKey, byte[]> toStore = collectSecrets(checked(builder::build), prompts);
        try {
            return askDefaultsAndSave(builder, prompts, toStore, repository);
        } finally {
            toStore.values().forEach(v -> Arrays.fill(v, (byte) 0));
        }
    }

    private int askDefaultsAndSave(Profile.Builder builder, Prompts prompts, Map<SecretKey, byte[]> toStore,
                       ProfileRepository repository) throws EntraAuthException {
        AuthMethod method = checked(builder::build).authMethod();

        if (fields.defaultFlow == null && !fields.noDefaultFlow && prompts.interactive()
                && prompts.confirm("Set default OAuth2 flow?", false, "--default-flow")) {
            StandardFlow flow = prompts.choose("Default OAuth2 flow", List.of(StandardFlow.ClientCredentials,
                    StandardFlow.AuthorizationCode, StandardFlow.DeviceCode, StandardFlow.InteractiveBrowser),
                    method.isConfidential() ? 0 : 3, "--default-flow", Enum::name);
            builder.defaultFlow(flow.name());
        }
        Profile draft = checked(builder::build);
        if (fields.scopes == null && prompts.interactive()) {
            String defaultScope = draft.cloud() == Cloud.Custom ? "https://graph.microsoft.com/.default"
                    : draft.cloud().graphHost().orElseThrow() + "/.default";
            List<String> scopes = prompts.ask("Scopes (space-separated)", defaultScope, "--scope",
                    v -> ProfileFieldOptions.splitScopes(List.of(v)));
            builder.scopes(scopes);
        }
        if (fields.environment == null && prompts.interactive()) {
            builder.environment(prompts.optional("Environment label (optional: dev, staging, prod…)", "--environment"));
        }
        Profile profile = checked(builder::build);
        boolean created = false;
        if (secretToCreate) {
            // Created last, once every answer is in: a secret made in Entra and then lost to a later question is a leak.
            ClientSecretChoice.Secret secret = secretChoice.create(profile);
            toStore.put(new SecretKey(profile.name(), SecretKey.CLIENT_SECRET), secret.value());
            created = secret.expiry().isPresent();
            profile = checked(builder.credentialExpiry(secret.expiry().orElse(null))::build);
        }
        save(context, profile, toStore);
        if (created) {
            context.interaction().info(Symbols.check() + " Secret created and saved to profile");
        }
        context.interaction().info(Symbols.check() + " Profile '" + profile.name() + "' saved to " + repository.file()
                + (toStore.isEmpty() ? "" : "; secrets saved to the '" + context.store().id() + "' secret store"));
        return ExitCode.OK.code();
    }

    private Map<SecretKey, byte[]> collectSecrets(Profile profile, Prompts prompts) throws EntraAuthException {
        Map<SecretKey, byte[]> result = new LinkedHashMap<>();
        if (profile.authMethod() == AuthMethod.ClientSecret) {
            if (createSecret && secrets.hasSecret()) {
                throw new EntraAuthException(ExitCode.USAGE, "give --create-secret or a client secret (--secret-stdin/-env/-file), not both");
            }
            byte[] secret = secrets.secret(context).orElse(null);
            if (secret == null) {
                secretChoice = new ClientSecretChoice(context, prompts,
                        "client secret: use --secret-stdin, --secret-env VAR or --secret-file PATH");
                if (secretChoice.wantsNew(createSecret)) {
                    secretToCreate = true;
                } else {
                    secret = secretChoice.typed().value();
                }
            }
            if (secret != null) {
                result.put(new SecretKey(profile.name(), SecretKey.CLIENT_SECRET), secret);
            }
        } else if (createSecret) {
            throw new EntraAuthException(ExitCode.USAGE, "--create-secret needs auth method ClientSecret (it is " + profile.authMethod() + ")");
        } else if (secrets.hasSecret()) {
            throw new EntraAuthException(ExitCode.USAGE, "a client secret was given but the auth method is " + profile.authMethod());
        }
        if (profile.certificateSource().map(c -> c.kind() == CertificateSource.Kind.PFX).orElse(false)) {
            byte[] password = secrets.password(context).orElse(null);
            if (password == null && prompts.interactive()) {
                password = utf8(prompts.secret("Certificate password (empty if none)", "--certificate-password-stdin"));
            }
            if (password != null && password.length > 0) {
                result.put(new SecretKey(profile.name(), SecretKey.CERTIFICATE_PASSWORD), password);
            }
        } else if (secrets.hasPassword()) {
            throw new EntraAuthException(ExitCode.USAGE, "a certificate password was given but the profile has no PFX certificate");
        }
        return result;
    }

    /** Secrets first, then the profile; if the profile cannot be saved, the secrets just written are removed. */
    static void save(CliContext context, Profile profile, Map<SecretKey, byte[]> toStore) throws EntraAuthException {
        for (Map.Entry<SecretKey, byte[]> entry : toStore.entrySet()) {
            context.vault().write(entry.getKey(), entry.getValue());
        }
        try {
            context.profiles().create(profile);
        } catch (EntraAuthException e) {
            for (SecretKey key : toStore.keySet()) {
                try {
                    context.vault().delete(key);
                } catch (EntraAuthException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    static byte[] utf8(char[] chars) {
        try {
            ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            Arrays.fill(buffer.array(), (byte) 0);
            return bytes;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** Runs a validation and turns its {@link IllegalArgumentException} into a usage error. */
    static <T> T checked(Supplier<T> validation) throws EntraAuthException {
        try {
            return validation.get();
        } catch (IllegalArgumentException e) {
            throw new EntraAuthException(ExitCode.USAGE, e.getMessage());
        }
    }
}
