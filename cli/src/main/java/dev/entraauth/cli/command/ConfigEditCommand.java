package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.flow.StandardFlow;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.CertificateSource;
import dev.entraauth.api.profile.Identifiers;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.cli.terminal.Prompts;
import dev.entraauth.cli.terminal.Terminal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code config edit -p NAME}: change a profile by flags, or, on a terminal without flags, by walking
 * through every setting with the current value as the default.
 */
@Command(name = "edit", description = {
        "Change a profile. With flags, changes just those settings; on a terminal without flags, asks for each",
        "setting with the current value as the default, and offers to replace the secret."},
        mixinStandardHelpOptions = true)
final class ConfigEditCommand implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    ProfileOption profile;

    @Mixin
    ProfileFieldOptions fields;

    @Mixin
    SecretInputOptions secrets;

    @Option(names = "--no-prompt", description = "Never prompt.")
    boolean noPrompt;

    @Option(names = "--create-secret", description = {"Create a new client secret in the app registration through Microsoft Graph"
            + " and save it to the profile (rotation: the old secret keeps working until you delete it in Entra)."})
    boolean createSecret;

    /** When the profile's client secret is replaced: its expiry if the CLI created it, else empty (unknown). */
    private Optional<Instant> replacedSecretExpiry;

    ConfigEditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        secrets.checkExclusive();
        Profile current = context.profiles().get(profile.name);
        Prompts prompts = noPrompt ? new Prompts(Terminal.NONE, context.err()) : context.prompts();
        Profile.Builder builder = current.toBuilder();
        fields.applyTo(builder, context.flows());
        boolean flagsGiven = fields.any() || secrets.hasSecret() || secrets.hasPassword() || createSecret;
        boolean walk = !flagsGiven;
        if (walk && !prompts.interactive()) {
            throw new EntraAuthException(ExitCode.USAGE, "nothing to change: give flags such as --tenant-id or --secret-stdin"
                    + " (see 'config edit --help'), or run in a terminal to be asked");
        }
        if (walk) {
            askEverything(current, builder, prompts);
        }
        Profile updated = ConfigCreateCommand.checked(builder::build);
        replacedSecretExpiry = null;

        Map<SecretKey, byte[]> writes = new LinkedHashMap<>();
        try {
            List<SecretKey> deletes = secretChanges(current, updated, prompts, walk, writes);
            if (replacedSecretExpiry != null) {
                Instant expiry = replacedSecretExpiry.orElse(null);
                updated = ConfigCreateCommand.checked(builder.credentialExpiry(expiry)::build);
            }
            apply(updated, writes, deletes);
            if (replacedSecretExpiry != null && replacedSecretExpiry.isPresent()) {
                context.interaction().info(Symbols.check() + " Secret created and saved to profile");
            }
        } finally {
            writes.values().forEach(v -> Arrays.fill(v, (byte) 0));
        }
        context.interaction().info(Symbols.check() + " Profile '" + updated.name() + "' updated");
        return ExitCode.OK.code();
    }

    private void askEverything(Profile current, Profile.Builder builder, Prompts prompts) throws EntraAuthException {
        if (current.authMethod() != AuthMethod.ManagedIdentity) {   // a managed identity has neither to ask for
            builder.tenantId(prompts.ask("Tenant ID", current.tenantId(), "--tenant-id", Identifiers::tenant));
            builder.clientId(prompts.ask("Client ID", current.clientId(), "--client-id", v -> Identifiers.guid("clientId", v)));
        }
        List<AuthMethod> methods = List.of(AuthMethod.values());
        AuthMethod method = prompts.choose("Authentication method", methods, methods.indexOf(current.authMethod()),
                "--auth-method", Enum::name);
        builder.authMethod(method);
        if (method == AuthMethod.Certificate && current.certificateSource().filter(c -> !c.isFile()).isPresent()) {
            builder.certificate(current.certificate());   // an OS store reference stays; change it with its flags
        } else if (method == AuthMethod.Certificate) {
            String was = current.certificateSource().filter(CertificateSource::isFile).map(CertificateSource::value).orElse(null);
            Path path = prompts.ask("Certificate file", was, "--certificate", Path::of);
            builder.certificate(ProfileFieldOptions.certificateSource(path));
        } else {
            builder.certificate(null);
        }
        if (prompts.confirm("Set default OAuth2 flow?", current.defaultFlow() != null, "--default-flow")) {
            List<StandardFlow> flows = List.of(StandardFlow.values());
            int was = current.defaultFlowName().flatMap(StandardFlow::parse).map(flows::indexOf).orElse(0);
            builder.defaultFlow(prompts.choose("Default OAuth2 flow", flows, was, "--default-flow", Enum::name).name());
        } else {
            builder.defaultFlow(null);
        }
        builder.scopes(prompts.ask("Scopes (space-separated)", String.join(" ", current.scopes()), "--scope",
                v -> ProfileFieldOptions.splitScopes(List.of(v))));
        builder.environment(prompts.ask("Environment label", current.environmentLabel().orElse(""), "--environment", v -> v));
    }

    /** Decides which secrets to write and which to remove; asks for a new secret where one is needed. */
    private List<SecretKey> secretChanges(Profile current, Profile updated, Prompts prompts, boolean walk,
                                          Map<SecretKey, byte[]> writes) throws EntraAuthException {
        SecretKey clientSecret = new SecretKey(updated.name(), SecretKey.CLIENT_SECRET);
        SecretKey password = new SecretKey(updated.name(), SecretKey.CERTIFICATE_PASSWORD);
        List<SecretKey> deletes = new ArrayList<>();
        if (updated.authMethod() == AuthMethod.ClientSecret) {
            if (createSecret && secrets.hasSecret()) {
                throw new EntraAuthException(ExitCode.USAGE, "give --create-secret or a client secret (--secret-stdin/-env/-file), not both");
            }
            Optional<byte[]> given = secrets.secret(context);
            boolean newlySecret = current.authMethod() != AuthMethod.ClientSecret;
            if (given.isPresent()) {
                writes.put(clientSecret, given.get());
                replacedSecretExpiry = Optional.empty();
            } else if (createSecret || newlySecret || (walk && prompts.confirm("Update client secret?", false, "--secret-stdin"))) {
                ClientSecretChoice.Secret secret = new ClientSecretChoice(context, prompts,
                        "client secret: use --secret-stdin, --secret-env VAR or --secret-file PATH").obtain(updated, createSecret);
                writes.put(clientSecret, secret.value());
                replacedSecretExpiry = secret.expiry();
            }
        } else if (createSecret) {
            throw new EntraAuthException(ExitCode.USAGE, "--create-secret needs auth method ClientSecret (it is " + updated.authMethod() + ")");
        } else if (secrets.hasSecret()) {
            throw new EntraAuthException(ExitCode.USAGE, "a client secret was given but the auth method is " + updated.authMethod());
        } else if (current.authMethod() == AuthMethod.ClientSecret) {
            deletes.add(clientSecret);
        }
        boolean pfx = updated.certificateSource().map(c -> c.kind() == CertificateSource.Kind.PFX).orElse(false);
        if (pfx) {
            Optional<byte[]> given = secrets.password(context);
            boolean changedFile = !updated.certificateSource().equals(current.certificateSource());
            if (given.isPresent()) {
                writes.put(password, given.get());
            } else if (walk && prompts.confirm("Update certificate password?", changedFile, "--certificate-password-stdin")) {
                byte[] typed = ConfigCreateCommand.utf8(prompts.secret("Certificate password (empty if none)",
                        "--certificate-password-stdin"));
                if (typed.length == 0) {
                    deletes.add(password);
                } else {
                    writes.put(password, typed);
                }
            }
        } else if (secrets.hasPassword()) {
            throw new EntraAuthException(ExitCode.USAGE, "a certificate password was given but the profile has no PFX certificate");
        } else if (current.certificateSource().map(c -> c.kind() == CertificateSource.Kind.PFX).orElse(false)) {
            deletes.add(password);
        }
        return deletes;
    }

    /** Writes secrets, saves the profile, then removes stale secrets; restores the old secrets if saving fails. */
    private void apply(Profile updated, Map<SecretKey, byte[]> writes, List<SecretKey> deletes) throws EntraAuthException {
        if (writes.isEmpty() && deletes.isEmpty()) {
            context.profiles().replace(updated);
            return;
        }
        SecretVault vault = context.vault();
        Map<SecretKey, Optional<byte[]>> previous = new HashMap<>();
        for (Map.Entry<SecretKey, byte[]> entry : writes.entrySet()) {
            previous.put(entry.getKey(), vault.read(entry.getKey()));
            vault.write(entry.getKey(), entry.getValue());
        }
        try {
            context.profiles().replace(updated);
        } catch (EntraAuthException e) {
            for (Map.Entry<SecretKey, Optional<byte[]>> old : previous.entrySet()) {
                try {
                    if (old.getValue().isPresent()) {
                        vault.write(old.getKey(), old.getValue().get());
                    } else {
                        vault.delete(old.getKey());
                    }
                } catch (EntraAuthException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
        for (SecretKey key : deletes) {
            vault.delete(key);
        }
    }
}
