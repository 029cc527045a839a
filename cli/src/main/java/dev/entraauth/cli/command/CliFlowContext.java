package dev.entraauth.cli.command;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.flow.FlowContext;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The {@link FlowContext} a flow receives: a view of the CLI context; the vault is opened only if the flow asks. */
final class CliFlowContext implements FlowContext {
    private final CliContext context;
    private final Interaction interaction;

    CliFlowContext(CliContext context, Interaction interaction) {
        this.context = context;
        this.interaction = interaction;
    }

    @Override
    public SecretVault secrets() throws StoreException {
        try {
            return context.vault();
        } catch (StoreException e) {
            throw e;
        } catch (EntraAuthException e) {
            throw new StoreException(e.exitCode(), e.getMessage(), e);
        }
    }

    @Override
    public Interaction interaction() {
        return interaction;
    }

    @Override
    public Clock clock() {
        return context.clock();
    }

    @Override
    public Map<String, String> environment() {
        return context.flowEnvironment();
    }

    @Override
    public Path home() {
        return context.home();
    }
}
