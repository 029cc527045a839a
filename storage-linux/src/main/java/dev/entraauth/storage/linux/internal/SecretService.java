package dev.entraauth.storage.linux.internal;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.StoreException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Secret Service (GNOME Keyring, KWallet, KeePassXC…) over D-Bus through libsecret: items of this
 * application, each call on a daemon thread with a bounded wait (and cancelled when the wait ends), so a keyring
 * that waits for an unlock prompt nobody can answer never hangs a command.
 *
 * <p>Whether it is usable is decided once per process and D-Bus address by a probe: write a random value, read
 * it back, delete it, within {@link #PROBE_TIMEOUT}.
 */
final class SecretService {
    /** The environment variable naming the D-Bus session bus; without it there is no Secret Service. */
    static final String BUS_VARIABLE = "DBUS_SESSION_BUS_ADDRESS";
    /** The attribute every item of this application carries. */
    static final String APPLICATION = "entra-auth-cli";
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** Secrets: {@code application}, {@code home} (the CLI home directory), {@code profile}, {@code kind}. */
    static final String SECRET_SCHEMA = "dev.entraauth.cli.Secret";
    /** The keys of encrypted files: {@code application}, {@code key-id} (recorded in the file's header). */
    static final String FILE_KEY_SCHEMA = "dev.entraauth.cli.FileKey";

    private static final Map<String, Availability> PROBED = new ConcurrentHashMap<>();
    private static volatile Loaded loaded;

    private final LibSecret lib;
    private final LibSecret.Schema secrets;
    private final LibSecret.Schema fileKeys;

    private record Loaded(SecretService service, String error) {
    }

    private SecretService(LibSecret lib) {
        this.lib = lib;
        this.secrets = new LibSecret.Schema(SECRET_SCHEMA, List.of("application", "home", "profile", "kind"));
        this.fileKeys = new LibSecret.Schema(FILE_KEY_SCHEMA, List.of("application", "key-id"));
    }

    /** {@return the service when libsecret could be loaded, else why not} */
    private static Loaded load() {
        Loaded current = loaded;
        if (current == null) {
            synchronized (SecretService.class) {
                current = loaded;
                if (current == null) {
                    try {
                        current = new Loaded(new SecretService(new LibSecret()), null);
                    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                        current = new Loaded(null, "libsecret-1 cannot be loaded (" + oneLine(e.getMessage())
                                + "); install it (Debian/Ubuntu: libsecret-1-0, Fedora: libsecret)");
                    }
                    loaded = current;
                }
            }
        }
        return current;
    }

    /**
     * Whether the Secret Service works here: probed once per process and bus address.
     *
     * @param environment the CLI's environment
     * @return available (naming the bus) or unavailable with the reason
     */
    static Availability availability(Map<String, String> environment) {
        String bus = environment.get(BUS_VARIABLE);
        if (bus == null || bus.isBlank()) {
            return Availability.unavailable("no D-Bus session (" + BUS_VARIABLE + " is not set), so no Secret Service");
        }
        return PROBED.computeIfAbsent(bus, b -> probe());
    }

    /**
     * @param environment the CLI's environment
     * @return the service, after a successful probe
     * @throws StoreException naming why it is not reachable
     */
    static SecretService reachable(Map<String, String> environment) throws StoreException {
        Availability availability = availability(environment);
        if (!availability.available()) {
            throw new StoreException("the Secret Service is not reachable: " + availability.reason());
        }
        return load().service();
    }

    private static Availability probe() {
        Loaded current = load();
        if (current.service() == null) {
            return Availability.unavailable(current.error());
        }
        SecretService service = current.service();
        byte[] value = new byte[24];
        new SecureRandom().nextBytes(value);
        String probe = HexFormat.of().formatHex(value, 0, 8);
        Map<String, String> attributes = Map.of("application", APPLICATION, "home", "(availability probe)",
                "profile", "probe-" + probe, "kind", "probe");
        byte[] encoded = HexFormat.of().formatHex(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Optional<byte[]> read = service.call(PROBE_TIMEOUT, c -> {
                service.lib.store(service.secrets, attributes, "entra-auth-cli availability probe", encoded, c);
                Optional<byte[]> back = service.lib.lookup(service.secrets, attributes, c);
                service.lib.clear(service.secrets, attributes, c);
                return back;
            });
            if (read.isEmpty() || !Arrays.equals(read.get(), encoded)) {
                return Availability.unavailable("the Secret Service did not return the value the probe wrote");
            }
            return Availability.available("Secret Service on the D-Bus session bus (write, read and delete probed)");
        } catch (StoreException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    /** One call into libsecret, given the cancellable it must pass on. */
    @FunctionalInterface
    interface Call<T> {
        T run(LibSecret.Cancellable cancellable) throws LibSecret.Failure;
    }

    /**
     * Runs a call on a daemon thread and waits for it at most {@code timeout}; then it is cancelled and left
     * behind (a daemon thread never keeps the process alive).
     */
    <T> T call(Duration timeout, Call<T> call) throws StoreException {
        LibSecret.Cancellable cancellable = lib.cancellable();
        FutureTask<T> task = new FutureTask<>(() -> {
            try {
                return call.run(cancellable);
            } finally {
                cancellable.close();
            }
        });
        Thread thread = new Thread(task, "secret-service");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            cancellable.cancel();
            throw new StoreException("the Secret Service did not answer within " + timeout.toSeconds()
                    + " s (a locked keyring waiting for an unlock prompt, or a keyring daemon that does not respond)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LibSecret.Failure failure) {
                throw new StoreException("the Secret Service refused: " + failure.getMessage(), failure);
            }
            throw new StoreException("the Secret Service failed: " + oneLine(String.valueOf(cause)), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellable.cancel();
            throw new StoreException("interrupted while waiting for the Secret Service", e);
        }
    }

    /** Stores a secret (base64 of its bytes) under the given attributes of the secret schema. */
    void storeSecret(Map<String, String> attributes, String label, byte[] value) throws StoreException {
        byte[] encoded = java.util.Base64.getEncoder().encode(value);
        try {
            call(CALL_TIMEOUT, c -> {
                lib.store(secrets, attributes, label, encoded, c);
                return null;
            });
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    Optional<byte[]> lookupSecret(Map<String, String> attributes) throws StoreException {
        return decode(call(CALL_TIMEOUT, c -> lib.lookup(secrets, attributes, c)));
    }

    boolean clearSecret(Map<String, String> attributes) throws StoreException {
        return call(CALL_TIMEOUT, c -> lib.clear(secrets, attributes, c));
    }

    List<String> searchSecrets(Map<String, String> attributes, String attribute) throws StoreException {
        return call(CALL_TIMEOUT, c -> lib.search(secrets, attributes, attribute, c));
    }

    void storeFileKey(String keyId, String label, byte[] key) throws StoreException {
        byte[] encoded = java.util.Base64.getEncoder().encode(key);
        try {
            call(CALL_TIMEOUT, c -> {
                lib.store(fileKeys, Map.of("application", APPLICATION, "key-id", keyId), label, encoded, c);
                return null;
            });
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    Optional<byte[]> lookupFileKey(String keyId) throws StoreException {
        return decode(call(CALL_TIMEOUT, c -> lib.lookup(fileKeys, Map.of("application", APPLICATION, "key-id", keyId), c)));
    }

    private static Optional<byte[]> decode(Optional<byte[]> encoded) throws StoreException {
        if (encoded.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.util.Base64.getDecoder().decode(encoded.get()));
        } catch (IllegalArgumentException e) {
            throw new StoreException("an item of the Secret Service with entra-auth-cli's attributes is not one it wrote"
                    + " (its value is not base64)");
        } finally {
            Arrays.fill(encoded.get(), (byte) 0);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
