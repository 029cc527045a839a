package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.core.io.SecureFiles;
import dev.entraauth.core.transfer.ProfileTransfer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code config export}: profiles to a file (mode 0600), without secrets unless {@code --include-secrets},
 * and then only encrypted with a passphrase.
 */
@Command(name = "export", description = {
        "Export profiles to a file (or standard output). Secrets are left out unless --include-secrets;",
        "then they are encrypted with a passphrase (prompted twice, or $" + ExportPassphrase.VARIABLE + ")."},
        mixinStandardHelpOptions = true)
final class ConfigExportCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = {"-p", "--profile"}, paramLabel = "NAME", description = "A profile to export; repeat. Default: all.")
    List<String> names;

    @Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "The file to write; default: standard output.")
    Path file;

    @Option(names = "--include-secrets", description = "Include client secrets and certificate passwords, encrypted.")
    boolean includeSecrets;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    boolean force;

    ConfigExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws EntraAuthException {
        List<Profile> all = context.profiles().list();
        List<Profile> chosen = new ArrayList<>();
        if (names == null || names.isEmpty()) {
            chosen.addAll(all);
        } else {
            for (String name : names) {
                chosen.add(all.stream().filter(p -> p.name().equals(name)).findFirst()
                        .orElseThrow(() -> new EntraAuthException(ExitCode.NOT_FOUND, "no profile '" + name + "'")));
            }
        }
        if (chosen.isEmpty()) {
            throw new EntraAuthException(ExitCode.NOT_FOUND, "there are no profiles to export");
        }
        Map<SecretKey, byte[]> secrets = new LinkedHashMap<>();
        char[] passphrase = null;
        try {
            if (includeSecrets) {
                SecretVault vault = context.vault();
                for (Profile p : chosen) {
                    for (SecretKey key : vault.keys(p.name())) {
                        if (!key.kind().equals(SecretKey.TOKEN_CACHE)) {
                            vault.read(key).ifPresent(v -> secrets.put(key, v));
                        }
                    }
                }
                if (!secrets.isEmpty()) {
                    passphrase = ExportPassphrase.forExport(context);
                }
            }
            byte[] bytes = new ProfileTransfer(context.flows()).export(chosen, secrets, passphrase, context.clock().instant());
            write(bytes);
        } finally {
            secrets.values().forEach(v -> Arrays.fill(v, (byte) 0));
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
        context.interaction().info(Symbols.check() + " Exported " + chosen.size() + " profile" + (chosen.size() == 1 ? "" : "s")
                + (includeSecrets ? " with " + secrets.size() + " encrypted secret" + (secrets.size() == 1 ? "" : "s") : " (no secrets)")
                + (file == null ? "" : " to " + file));
        return ExitCode.OK.code();
    }

    private void write(byte[] bytes) throws EntraAuthException {
        if (file == null) {
            context.out().print(new String(bytes, StandardCharsets.UTF_8));
            return;
        }
        try {
            if (force) {
                SecureFiles.writeAtomically(file, bytes);
            } else {
                SecureFiles.createPrivateFile(file, bytes);
            }
        } catch (FileAlreadyExistsException e) {
            throw new EntraAuthException(ExitCode.CONFLICT, file + " exists already; use --force to overwrite it", e);
        } catch (IOException e) {
            throw new EntraAuthException(ExitCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
