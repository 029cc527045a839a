/**
 * Microsoft Graph: {@link dev.entraauth.graph.GraphClient} and the values it returns, the secret naming rule
 * ({@link dev.entraauth.graph.SecretNames}), the search pattern ({@link dev.entraauth.graph.SearchPattern}),
 * the permissions each operation needs ({@link dev.entraauth.graph.GraphAccess}), and the one-time panel that
 * shows a new secret ({@link dev.entraauth.graph.SecretPanel}).
 */
package dev.entraauth.graph;
