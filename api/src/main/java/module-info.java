/**
 * The extension points of entra-auth-cli and the value types they exchange; depends on the JDK only.
 *
 * <p>Providers live in their own modules and are found with {@link java.util.ServiceLoader}:
 *
 * @uses dev.entraauth.api.flow.Flow
 * @uses dev.entraauth.api.store.SecretStore
 * @uses dev.entraauth.api.command.CommandProvider
 */
module dev.entraauth.api {
    exports dev.entraauth.api;
    exports dev.entraauth.api.command;
    exports dev.entraauth.api.flow;
    exports dev.entraauth.api.profile;
    exports dev.entraauth.api.store;
}
