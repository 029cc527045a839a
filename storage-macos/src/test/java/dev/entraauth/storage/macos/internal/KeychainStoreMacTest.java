package dev.entraauth.storage.macos.internal;

import dev.entraauth.testkit.store.ContractStoreContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretVault;
import java.util.Map;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store with the real Security framework; runs only on macOS (the CI workflow's macos-latest job, whose
 * default Keychain is unlocked). Each test uses its own profile name and removes its items afterwards.
 */
@EnabledOnOs(OS.MAC)
class KeychainStoreMacTest {
    private final String profile = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<SecretKey> written = new ArrayList<>();

    @TempDir
    Path home;

    private SecretVault vault;

    private SecretVault open() throws Exception {
        vault = new KeychainStore().open(ContractStoreContext.of(home, Map.of()));
        return vault;
    }

    @AfterEach
    void removeItems() throws Exception {
        if (vault != null) {
            for (SecretKey key : written) {
                vault.delete(key);
            }
        }
    }

    @Test
    void roundTripOverwriteKeysAndDeleteThroughTheRealKeychain() throws Exception {
        SecretVault keychain = open();
        SecretKey secret = new SecretKey(profile, SecretKey.CLIENT_SECRET);
        SecretKey cache = new SecretKey(profile, SecretKey.TOKEN_CACHE);
        written.addAll(List.of(secret, cache));
        byte[] large = new byte[64 * 1024];
        new Random(5).nextBytes(large);

        keychain.write(secret, "one".getBytes(StandardCharsets.UTF_8));
        keychain.write(secret, "two".getBytes(StandardCharsets.UTF_8));
        keychain.write(cache, large);

        assertEquals("two", new String(keychain.read(secret).orElseThrow(), StandardCharsets.UTF_8));
        assertArrayEquals(large, keychain.read(cache).orElseThrow());
        assertEquals(Set.of(secret, cache), keychain.keys(profile));
        assertTrue(keychain.delete(secret));
        assertFalse(keychain.delete(secret));
        assertTrue(keychain.read(secret).isEmpty());
    }

    /** SR5: while a canary secret is written and read many times, no process's arguments ever contain it. */
    @Test
    void aCanarySecretNeverAppearsInTheArgumentsOfAnyProcess() throws Exception {
        SecretVault keychain = open();
        SecretKey key = new SecretKey(profile, SecretKey.CLIENT_SECRET);
        written.add(key);
        String canary = "CANARY-" + UUID.randomUUID();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger samples = new AtomicInteger();
        List<String> leaks = new ArrayList<>();
        Thread poller = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                try {
                    Process ps = new ProcessBuilder("ps", "-axww", "-o", "args=").redirectErrorStream(true).start();
                    String all = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    ps.waitFor();
                    samples.incrementAndGet();
                    all.lines().filter(line -> line.contains(canary)).forEach(line -> {
                        synchronized (leaks) {
                            leaks.add(line);
                        }
                    });
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        try {
            for (int i = 0; i < 50; i++) {
                keychain.write(key, (canary + i).getBytes(StandardCharsets.UTF_8));
                assertEquals(canary + i, new String(keychain.read(key).orElseThrow(), StandardCharsets.UTF_8));
            }
        } finally {
            done.set(true);
            poller.join();
        }
        assertTrue(samples.get() > 0, "ps was never sampled");
        assertEquals(List.of(), leaks, "the canary appeared in a process's arguments");
    }
}
