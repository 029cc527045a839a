/**
 * Tokens as data: decoding a JWT without trusting it ({@link dev.entraauth.core.token.Jwt}, with the input
 * checks of SECURITY-CHECKLIST BI1), what its claims mean ({@link dev.entraauth.core.token.ClaimGlossary},
 * {@link dev.entraauth.core.token.TokenSummary}), and checking it against its issuer's published keys
 * ({@link dev.entraauth.core.token.TokenVerifier}).
 */
package dev.entraauth.core.token;
