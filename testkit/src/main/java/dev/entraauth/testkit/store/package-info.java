/**
 * The contract every {@link dev.entraauth.api.store.SecretStore} passes, the project's and a plugin's:
 * extend {@link dev.entraauth.testkit.store.SecretStoreContract} in a JUnit test and name the store.
 */
package dev.entraauth.testkit.store;
