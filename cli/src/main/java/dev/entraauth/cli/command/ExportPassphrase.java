package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.cli.terminal.Prompts;
import java.util.Arrays;

/** The passphrase of an export file: {@value #VARIABLE}, or typed (twice when exporting). */
final class ExportPassphrase {
    static final String VARIABLE = "ENTRA_AUTH_CLI_EXPORT_PASSPHRASE";
    private static final int MIN_LENGTH = 12;

    private ExportPassphrase() {
    }

    static char[] forExport(CliContext context) throws EntraAuthException {
        String fromEnv = context.environment().get(VARIABLE);
        char[] passphrase;
        if (fromEnv != null && !fromEnv.isEmpty()) {
            passphrase = fromEnv.toCharArray();
        } else {
            Prompts prompts = context.prompts();
            passphrase = prompts.secret("Passphrase to encrypt the secrets with", VARIABLE);
            char[] again = prompts.secret("Repeat the passphrase", VARIABLE);
            boolean same = Arrays.equals(passphrase, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(passphrase, '\0');
                throw new EntraAuthException(ExitCode.USAGE, "the two passphrases differ; nothing was exported");
            }
        }
        if (passphrase.length < MIN_LENGTH) {
            Arrays.fill(passphrase, '\0');
            throw new EntraAuthException(ExitCode.USAGE, "the export passphrase must have at least " + MIN_LENGTH + " characters");
        }
        return passphrase;
    }

    static char[] forImport(CliContext context) throws EntraAuthException {
        String fromEnv = context.environment().get(VARIABLE);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv.toCharArray();
        }
        return context.prompts().secret("Passphrase of the export file", VARIABLE + " (or --skip-secrets)");
    }
}
