package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.profile.Profile;
import dev.entraauth.cli.terminal.Prompts;
import dev.entraauth.core.text.Marks;
import dev.entraauth.graph.CreatedSecret;
import dev.entraauth.graph.GraphAccess;
import dev.entraauth.graph.GraphException;
import dev.entraauth.graph.SecretPanel;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * "Client secret: Create new / Enter existing" (seed 002), wherever a client secret is asked for: creates one in
 * the app registration through Microsoft Graph, or takes one typed without echo. A failed creation says why
 * (insufficient permissions, application not found, network) and offers to enter an existing secret instead;
 * nothing is saved until the caller saves the profile.
 *
 * <p>The new secret's value is shown once, in the panel, only on a terminal: in a script ({@code --create-secret}
 * without a terminal) stderr may be a log file, so the value goes only to the secret store.
 */
final class ClientSecretChoice {
    private static final String CREATE_NEW = "Create new";
    private static final String ENTER_EXISTING = "Enter existing";

    /**
     * A client secret to save with the profile.
     *
     * @param value  its bytes (UTF-8); the caller clears them
     * @param expiry when it ends, when the CLI created it
     */
    record Secret(byte[] value, Optional<Instant> expiry) {
    }

    private final CliContext context;
    private final Prompts prompts;
    private final String flags;

    /**
     * @param context the CLI context
     * @param prompts the prompts (a no-terminal one under {@code --no-prompt})
     * @param flags   the flags that give a secret in a script, for the error without a terminal
     */
    ClientSecretChoice(CliContext context, Prompts prompts, String flags) {
        this.context = context;
        this.prompts = prompts;
        this.flags = flags;
    }

    /**
     * @param draft  the profile the secret is for (tenant, client id, cloud)
     * @param create {@code --create-secret}: create without asking
     * @return the secret
     * @throws EntraAuthException when none can be had: the Graph failure's code when creating failed and no
     *                            existing secret was entered, {@link ExitCode#USAGE} without a terminal or flag
     */
    Secret obtain(Profile draft, boolean create) throws EntraAuthException {
        return wantsNew(create) ? create(draft) : typed();
    }

    /**
     * @param create {@code --create-secret}
     * @return whether to create a new secret: the flag, else the answer to "Client secret: Create new / Enter existing"
     * @throws EntraAuthException {@link ExitCode#USAGE} without the flag and without a terminal
     */
    boolean wantsNew(boolean create) throws EntraAuthException {
        return create || prompts.choose("Client secret", List.of(CREATE_NEW, ENTER_EXISTING), 0,
                flags + " or --create-secret", s -> s).equals(CREATE_NEW);
    }

    /**
     * Creates a secret in the app registration through Graph; on failure, offers to enter an existing one.
     *
     * @param draft the profile the secret is for (tenant, client id, cloud)
     * @return the secret
     * @throws EntraAuthException the Graph failure (as one line) when no existing secret was entered instead
     */
    Secret create(Profile draft) throws EntraAuthException {
        try {
            return created(draft);
        } catch (GraphException e) {
            if (!prompts.interactive()) {
                throw new EntraAuthException(e.exitCode(), e.oneLine(), e);
            }
            Interaction interaction = context.interaction();
            interaction.info(Marks.warning() + " " + e.getMessage());
            e.details().forEach(interaction::info);
            if (prompts.confirm("Would you like to enter an existing secret instead?", false, flags)) {
                return typed();
            }
            throw new EntraAuthException(e.exitCode(), e.oneLine(), e);
        }
    }

    private Secret created(Profile draft) throws EntraAuthException {
        Interaction interaction = context.interaction();
        CreatedSecret secret = GraphSession.of(context, draft).client(GraphAccess.CREATE_SECRET_SIGN_IN).createSecret(draft.clientId(), GraphAccess.CREATE_SECRET);
        char[] value = secret.value();
        try {
            if (prompts.interactive()) {
                for (String line : SecretPanel.lines(secret, context.clock().instant(), Marks.canShow('\u2500'))) {
                    context.err().println(line);
                }
                context.err().flush();
            } else {
                interaction.info("Secret " + secret.name() + " created in " + secret.application().displayName()
                        + " (value not shown without a terminal; it is in the secret store)");
            }
            return new Secret(ConfigCreateCommand.utf8(value), Optional.of(secret.expiry()));
        } finally {
            Arrays.fill(value, '\0');
            secret.clear();
        }
    }

    /**
     * @return a secret typed without echo
     * @throws EntraAuthException {@link ExitCode#USAGE} without a terminal or for an empty secret
     */
    Secret typed() throws EntraAuthException {
        byte[] secret = ConfigCreateCommand.utf8(prompts.secret("Enter client secret", flags));
        if (secret.length == 0) {
            throw new EntraAuthException(ExitCode.USAGE, "the client secret is empty");
        }
        return new Secret(secret, Optional.empty());
    }
}
