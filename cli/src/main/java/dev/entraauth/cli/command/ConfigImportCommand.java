package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.AuthMethod;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.core.transfer.ProfileTransfer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code config import -f FILE}: profiles from an export file. A name that exists already stops the whole
 * import unless {@code --rename} or {@code --overwrite} says what to do; nothing is ever overwritten silently.
 */
@Command(name = "import", description = {
        "Import profiles from an export file. Refuses names that exist unless --rename (import as NAME-2, …)",
        "or --overwrite. Encrypted secrets are imported with the passphrase (prompted, or $" + ExportPassphrase.VARIABLE + ")."},
        mixinStandardHelpOptions = true)
final class ConfigImportCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "The export file.")
    Path file;

    @ArgGroup(exclusive = true)
    Conflicts conflicts = new Conflicts();

    @Option(names = "--skip-secrets", description = "Import the profiles but not the secrets in the file.")
    boolean skipSecrets;

    static final class Conflicts {
        @Option(names = "--rename", description = "Import a profile whose name exists under a new name (NAME-2, NAME-3, …).")
        boolean rename;

        @Option(names = "--overwrite", description = "Replace existing profiles of the same name (and their secrets).")
        boolean overwrite;
    }

    ConfigImportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        ProfileTransfer.Bundle bundle = new ProfileTransfer(context.flows()).read(file);
        List<Profile> existing = context.profiles().list();
        Set<String> taken = new HashSet<>(existing.stream().map(Profile::name).toList());
        List<String> clashes = bundle.profiles().stream().map(Profile::name).filter(taken::contains).toList();
        if (!clashes.isEmpty() && !conflicts.rename && !conflicts.overwrite) {
            throw new EntraAuthException(ExitCode.CONFLICT, "profiles exist already: " + String.join(", ", clashes)
                    + ". Nothing was imported; use --rename or --overwrite");
        }
        Map<SecretKey, byte[]> secrets = Map.of();
        if (bundle.hasSecrets() && !skipSecrets) {
            char[] passphrase = ExportPassphrase.forImport(context);
            try {
                secrets = bundle.secrets(passphrase);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        }
        Map<String, String> renamed = new LinkedHashMap<>();
        List<Profile> incoming = new ArrayList<>();
        for (Profile p : bundle.profiles()) {
            String name = p.name();
            if (taken.contains(name) && conflicts.rename) {
                name = freeName(name, taken);
                renamed.put(p.name(), name);
            }
            taken.add(name);
            String finalName = name;
            incoming.add(ConfigCreateCommand.checked(() -> p.toBuilder().name(finalName).build()));
        }
        Map<SecretKey, byte[]> toWrite = new LinkedHashMap<>();
        for (Map.Entry<SecretKey, byte[]> e : secrets.entrySet()) {
            String name = renamed.getOrDefault(e.getKey().profile(), e.getKey().profile());
            toWrite.put(new SecretKey(name, e.getKey().kind()), e.getValue());
        }
        try {
            store(incoming, toWrite);
        } finally {
            secrets.values().forEach(v -> Arrays.fill(v, (byte) 0));
        }
        context.interaction().info(Symbols.check() + " Imported " + incoming.size() + " profile" + (incoming.size() == 1 ? "" : "s")
                + (toWrite.isEmpty() ? "" : " and " + toWrite.size() + " secret" + (toWrite.size() == 1 ? "" : "s"))
                + (renamed.isEmpty() ? "" : "; renamed " + renamed));
        if (bundle.hasSecrets() && skipSecrets || !bundle.hasSecrets()) {
            long needing = incoming.stream().filter(p -> p.authMethod() == AuthMethod.ClientSecret).count();
            if (needing > 0) {
                context.interaction().info("Add client secrets with 'entra-auth-cli config edit -p NAME --secret-stdin' (or interactively).");
            }
        }
        return ExitCode.OK.code();
    }

    private void store(List<Profile> incoming, Map<SecretKey, byte[]> secrets) throws EntraAuthException {
        Set<String> names = new HashSet<>(incoming.stream().map(Profile::name).toList());
        if (conflicts.overwrite || !secrets.isEmpty()) {
            SecretVault vault = context.vault();
            if (conflicts.overwrite) {
                for (String name : names) {
                    for (SecretKey key : vault.keys(name)) {
                        vault.delete(key);
                    }
                }
            }
            for (Map.Entry<SecretKey, byte[]> e : secrets.entrySet()) {
                vault.write(e.getKey(), e.getValue());
            }
        }
        context.profiles().update(current -> {
            current.removeIf(p -> names.contains(p.name()) && conflicts.overwrite);
            for (Profile p : incoming) {
                if (current.stream().anyMatch(c -> c.name().equals(p.name()))) {
                    throw new EntraAuthException(ExitCode.CONFLICT, "profile '" + p.name() + "' was created meanwhile; nothing was imported");
                }
                current.add(p);
            }
            return current;
        });
    }

    private static String freeName(String name, Set<String> taken) {
        for (int i = 2; ; i++) {
            String candidate = name + "-" + i;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
