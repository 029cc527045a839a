/**
 * HTTPS for every call to Entra ID: msal4j's {@code IHttpClient} on java.net.http with explicit timeouts,
 * proxies from the environment (loopback and IMDS never proxied), a CA bundle merged with the JDK's trust
 * store, retries with backoff that honour {@code Retry-After}, no redirects, and debug logs without secrets.
 */
package dev.entraauth.core.http;
