/**
 * The entry points: {@link dev.entraauth.cli.Main} for the launcher and
 * {@link dev.entraauth.cli.EntraAuthToolProvider} for {@link java.util.spi.ToolProvider} callers.
 */
package dev.entraauth.cli;
