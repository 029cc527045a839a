/**
 * The CLI's own small cache of access tokens, read before any flow is asked: a valid cached token is printed
 * without building msal4j and without a request. It lives in the secret store next to msal's cache.
 */
package dev.entraauth.core.cache;
