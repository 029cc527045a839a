/**
 * The Entra ID emulator. {@link dev.entraauth.testkit.EntraEmulator} starts it (in-process, on 127.0.0.1 and a
 * free port) and is its control API; {@link dev.entraauth.testkit.Standalone} runs it from the command line.
 * The directory it serves ({@link dev.entraauth.testkit.Tenant}, {@link dev.entraauth.testkit.Application},
 * {@link dev.entraauth.testkit.User}) is changed through the same objects. {@link dev.entraauth.testkit.ConnectProxy}
 * is an HTTP CONNECT proxy that reaches it by a name nothing else resolves. docs/testkit.md lists the endpoints
 * and which Microsoft page each behaviour follows.
 */
package dev.entraauth.testkit;
