/**
 * Microsoft Graph for entra-auth-cli: finding app registrations ({@code discover -s}), reading the scopes and app
 * roles they expose, and creating client secrets named after their expiry ({@code EAC-EXP-DD-MMM-YY}) for
 * {@code config create}, {@code config edit} and {@code discover}. It signs in through a token supplier the
 * caller gives it (the CLI uses the interactive flow with the Microsoft Graph Command Line Tools client).
 */
module dev.entraauth.graph {
    requires transitive dev.entraauth.core;
    requires com.fasterxml.jackson.databind;
    requires java.net.http;

    exports dev.entraauth.graph;
}
