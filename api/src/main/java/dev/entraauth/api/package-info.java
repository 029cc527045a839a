/**
 * Types shared by every extension point: exit codes, the base exception and user interaction.
 *
 * <h2>Extension points</h2>
 * <table>
 *   <caption>Services a module can provide</caption>
 *   <tr><th>Service</th><th>Package</th><th>What a provider does</th></tr>
 *   <tr><td>{@link dev.entraauth.api.flow.Flow}</td><td>{@code dev.entraauth.api.flow}</td>
 *       <td>Acquires an access token for a profile with one OAuth2 grant.</td></tr>
 *   <tr><td>{@link dev.entraauth.api.store.SecretStore}</td><td>{@code dev.entraauth.api.store}</td>
 *       <td>Keeps secrets (client secrets, certificate passwords, token caches) safe at rest.</td></tr>
 *   <tr><td>{@link dev.entraauth.api.command.CommandProvider}</td><td>{@code dev.entraauth.api.command}</td>
 *       <td>Adds a subcommand to the command line.</td></tr>
 * </table>
 *
 * <p>A provider module declares {@code requires dev.entraauth.api;} and
 * {@code provides dev.entraauth.api.flow.Flow with com.example.internal.MyFlow;}; it exports nothing.
 *
 * <h2>Compatibility</h2>
 * Within a major version, types here only gain members: new methods on provider interfaces come with a
 * default implementation, and interfaces implemented by the CLI itself (contexts) may gain methods.
 */
package dev.entraauth.api;
