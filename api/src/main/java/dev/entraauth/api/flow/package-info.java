/**
 * The flow extension point: one OAuth2 grant that turns a profile into an access token.
 *
 * <table>
 *   <caption>Types of this extension point</caption>
 *   <tr><th>Type</th><th>Role</th></tr>
 *   <tr><td>{@link dev.entraauth.api.flow.Flow}</td><td>The service a provider module implements: a name,
 *       aliases, whether it can serve a profile, and {@code acquire}.</td></tr>
 *   <tr><td>{@link dev.entraauth.api.flow.FlowContext}</td><td>What the CLI hands a flow: the secret vault,
 *       the interaction, the clock, the environment.</td></tr>
 *   <tr><td>{@link dev.entraauth.api.flow.TokenRequest} / {@link dev.entraauth.api.flow.TokenResult}</td>
 *       <td>The question and the answer.</td></tr>
 *   <tr><td>{@link dev.entraauth.api.flow.StandardFlow}</td><td>The names of the four standard flows and
 *       their aliases, so profiles can name a flow whose module is not installed.</td></tr>
 * </table>
 */
package dev.entraauth.api.flow;
