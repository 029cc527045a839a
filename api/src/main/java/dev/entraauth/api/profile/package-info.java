/**
 * Profiles: the named settings (tenant, client, credential kind, default flow, scopes, cloud) a token is
 * acquired with. A profile never holds a secret; secrets live in a {@link dev.entraauth.api.store.SecretStore}
 * under {@link dev.entraauth.api.store.SecretKey}s derived from the profile name.
 */
package dev.entraauth.api.profile;
