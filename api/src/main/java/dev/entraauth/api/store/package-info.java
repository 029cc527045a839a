/**
 * The secret store extension point: where client secrets, certificate passwords and token caches are
 * kept at rest.
 *
 * <table>
 *   <caption>Types of this extension point</caption>
 *   <tr><th>Type</th><th>Role</th></tr>
 *   <tr><td>{@link dev.entraauth.api.store.SecretStore}</td><td>The service a provider module implements:
 *       an id, a weight, whether it works here ({@link dev.entraauth.api.store.Availability}), and
 *       {@code open}.</td></tr>
 *   <tr><td>{@link dev.entraauth.api.store.SecretVault}</td><td>An opened store: read, write, delete by key.</td></tr>
 *   <tr><td>{@link dev.entraauth.api.store.SecretKey}</td><td>The name of one secret (profile + kind).</td></tr>
 *   <tr><td>{@link dev.entraauth.api.store.StoreContext}</td><td>What the CLI hands a store: home directory,
 *       environment, interaction.</td></tr>
 * </table>
 *
 * <p>The CLI picks the available store with the highest weight (ties by id) unless the user names one.
 * A store never falls back to plaintext by itself.
 */
package dev.entraauth.api.store;
