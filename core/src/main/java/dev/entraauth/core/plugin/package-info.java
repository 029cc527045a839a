/**
 * Plugins from outside the image: modular jars in a plugins directory, checked and resolved into a module layer of
 * their own on top of the boot layer ({@link dev.entraauth.core.plugin.PluginLayer}), where the registries look
 * for providers too.
 */
package dev.entraauth.core.plugin;
