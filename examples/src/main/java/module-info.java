/**
 * Example plugins for entra-auth-cli, built against the api alone: a flow that takes a token from a command's
 * output, and a secret store that keeps secrets through an external command. Drop the jar into the image's
 * {@code plugins/} directory (or {@code $ENTRA_AUTH_CLI_PLUGINS}).
 *
 * @provides dev.entraauth.api.flow.Flow the {@code TokenCommand} flow
 * @provides dev.entraauth.api.store.SecretStore the {@code command-store} store
 */
module com.example.entraauth.plugins {
    requires dev.entraauth.api;

    provides dev.entraauth.api.flow.Flow with com.example.entraauth.plugins.TokenCommandFlow;
    provides dev.entraauth.api.store.SecretStore with com.example.entraauth.plugins.CommandSecretStore;
}
