package dev.entraauth.storage.linux.internal;

import com.sun.jna.NativeLibrary;
import dev.entraauth.testkit.KeyringSession;
import java.util.Map;

/**
 * One real gnome-keyring on a private D-Bus session for the whole test JVM. libsecret (GDBus) connects to the
 * session bus named by the process's native environment once and keeps that connection, so the bus address is put
 * into the native environment with {@code setenv} before libsecret is first used, and every test uses this one
 * session. The daemons stop when the JVM exits.
 */
final class SharedKeyring {
    private static KeyringSession session;

    private SharedKeyring() {
    }

    /** {@return the environment a client of the shared keyring needs; starts it on first use (fails if it cannot)} */
    static synchronized Map<String, String> environment() {
        if (session == null) {
            KeyringSession started = KeyringSession.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "keyring-session-stop"));
            started.environment().forEach(SharedKeyring::setenv);
            session = started;
        }
        if (!session.isAlive()) {
            throw new AssertionError("the test keyring session died: " + session);
        }
        return session.environment();
    }

    private static void setenv(String name, String value) {
        int result = NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {name, value, 1});
        if (result != 0) {
            throw new AssertionError("setenv " + name + " failed");
        }
    }
}
