/**
 * One class per subcommand, shared options as mixins, and the {@link dev.entraauth.cli.command.CliContext}
 * every command receives through the picocli factory.
 */
package dev.entraauth.cli.command;
