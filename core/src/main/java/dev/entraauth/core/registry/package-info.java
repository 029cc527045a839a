/**
 * One registry per extension point — the only places that call {@link java.util.ServiceLoader#load}.
 * Registries are built once in the CLI's entry point and passed down; none is static.
 */
package dev.entraauth.core.registry;
