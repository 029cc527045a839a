/**
 * The command extension point: a module adds a subcommand to the CLI.
 *
 * <table>
 *   <caption>Types of this extension point</caption>
 *   <tr><th>Type</th><th>Role</th></tr>
 *   <tr><td>{@link dev.entraauth.api.command.CommandProvider}</td><td>The service: a name and a factory for a
 *       picocli-annotated command object.</td></tr>
 *   <tr><td>{@link dev.entraauth.api.command.CommandContext}</td><td>What the CLI hands the command.</td></tr>
 * </table>
 *
 * <p>The signature is picocli-free so this module depends on the JDK only; the returned object must be
 * annotated with {@code @picocli.CommandLine.Command} and its package opened to {@code info.picocli}.
 */
package dev.entraauth.api.command;
