package dev.entraauth.testkit.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretKey;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link SecretStore} does, as JUnit tests: extend this class, return the store from
 * {@link #store()}, give it the environment it needs in {@link #environment()}, and run it where the store is
 * available (the contract fails, it does not skip, when the store says it is not).
 *
 * <p>The tests: a written value reads back byte for byte, also from a vault opened later; overwriting
 * replaces; delete removes exactly one entry and says whether there was one; a missing key is empty, not an
 * error; 64 KiB values round-trip; {@link SecretVault#keys} lists one profile's entries; nothing the store
 * says on stderr holds a secret; no file under the home holds a secret in the clear (override
 * {@link #encryptsAtRest()} only for a plaintext store); and two processes writing at the same time lose
 * nothing — the second process is {@link StoreWriter}, started by {@link #writerProcess}.
 *
 * <p>Its test methods are public so that it also runs with the testkit on the module path, where JUnit may
 * call only what the exported package makes public.
 *
 * <pre>{@code
 * class VaultStoreContractTest extends SecretStoreContract {
 *     protected SecretStore store() { return new VaultStore(); }
 *     protected Map<String, String> environment() { return Map.of("VAULT_ADDR", vault.address()); }
 * }
 * }</pre>
 */
public abstract class SecretStoreContract {
    /** The number of entries each of the two concurrent processes writes. */
    protected static final int CONCURRENT_WRITES = 30;
    private static final String CANARY = "contract-canary-";

    private Path home;
    private ContractStoreContext context;

    /** Creates the contract. */
    protected SecretStoreContract() {
    }

    /** {@return a new instance of the store under test} */
    protected abstract SecretStore store();

    /** {@return the environment the store sees, for example a passphrase variable; empty by default} */
    protected Map<String, String> environment() {
        return Map.of();
    }

    /**
     * Whether the store keeps values encrypted (or outside the home directory): then no file under the home
     * may contain a written value in the clear. Only an explicitly opted-in plaintext store says no.
     *
     * @return {@code true} unless overridden
     */
    protected boolean encryptsAtRest() {
        return true;
    }

    /** {@return the CLI home directory of this test, new for each test} */
    protected final Path home() {
        return home;
    }

    /** {@return the context of this test: its home, {@link #environment()}, and recorded messages} */
    protected final ContractStoreContext context() {
        return context;
    }

    /**
     * @return a vault of the store opened in {@link #context()}
     * @throws StoreException when it cannot be opened
     */
    protected SecretVault open() throws StoreException {
        return store().open(context);
    }

    /**
     * The second process of the concurrency test: by default this JVM's {@code java}, module path and class
     * path, with every module on the module path resolved, running {@link StoreWriter} with the environment
     * of {@link #environment()}. Override when the store cannot be found with {@link java.util.ServiceLoader}
     * on this test's paths.
     *
     * @param writerArguments the arguments for {@link StoreWriter#main}
     * @return the process to start; its stdout's first line must be {@code ready}
     */
    protected ProcessBuilder writerProcess(List<String> writerArguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String modulePath = System.getProperty("jdk.module.path", "");
        if (!modulePath.isBlank()) {
            command.addAll(List.of("--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH"));
        }
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isBlank()) {
            command.addAll(List.of("-cp", classPath));
        }
        command.add(StoreWriter.class.getName());
        command.addAll(writerArguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment());
        return builder;
    }

    /**
     * The value the contract writes under a kind: recognisable bytes around every byte value, 100 to 2,000
     * bytes long, different for each kind.
     *
     * @param kind the entry's kind
     * @return the value
     */
    public static byte[] valueFor(String kind) {
        byte[] label = (CANARY + kind + "|").getBytes(StandardCharsets.US_ASCII);
        int length = 100 + Math.floorMod(kind.hashCode(), 1900);
        byte[] value = new byte[Math.max(length, label.length)];
        System.arraycopy(label, 0, value, 0, label.length);
        for (int i = label.length; i < value.length; i++) {
            value[i] = (byte) (i * 31 + kind.length());
        }
        return value;
    }

    /**
     * Gives each test a new home directory and context.
     *
     * @param home a new temporary directory
     */
    @BeforeEach
    public final void createContext(@TempDir Path home) {
        this.home = home;
        this.context = ContractStoreContext.of(home, environment());
    }

    @Test
    public void storeIsAvailableWhereTheContractRuns() {
        Availability availability = store().availability(context);
        assertTrue(availability.available(), "the store says it is not available here: " + availability.reason());
        assertFalse(availability.reason().isBlank(), "availability has no detail to show in 'plugins'");
    }

    @Test
    public void aWrittenValueReadsBackByteForByteAlsoFromAVaultOpenedLater() throws Exception {
        byte[] every = new byte[256];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        SecretKey key = new SecretKey("contract", "every-byte");
        SecretKey labelled = new SecretKey("contract", SecretKey.CLIENT_SECRET);
        open().write(key, every);
        open().write(labelled, valueFor("labelled"));

        assertArrayEquals(every, open().read(key).orElseThrow(() -> new AssertionError("the value is gone")));
        assertArrayEquals(valueFor("labelled"), open().read(labelled).orElseThrow(() -> new AssertionError("the value is gone")));
        assertNoSecretInMessagesOrFiles(List.of(every, valueFor("labelled")));
    }

    @Test
    public void overwritingReplacesTheValue() throws Exception {
        SecretKey key = new SecretKey("contract", SecretKey.CLIENT_SECRET);
        SecretVault vault = open();
        vault.write(key, valueFor("long-first-value-of-the-overwrite-test"));
        byte[] second = valueFor("second");
        vault.write(key, second);

        assertArrayEquals(second, vault.read(key).orElseThrow());
        assertArrayEquals(second, open().read(key).orElseThrow());
        assertEquals(Set.of(key), open().keys("contract"));
    }

    @Test
    public void deleteRemovesExactlyThatEntryAndSaysWhetherThereWasOne() throws Exception {
        SecretKey gone = new SecretKey("contract", SecretKey.CLIENT_SECRET);
        SecretKey kept = new SecretKey("contract", SecretKey.TOKEN_CACHE);
        SecretVault vault = open();
        vault.write(gone, valueFor("gone"));
        vault.write(kept, valueFor("kept"));

        assertTrue(vault.delete(gone), "delete of an existing entry returned false");
        assertFalse(open().delete(gone), "a second delete returned true");
        assertEquals(Optional.empty(), open().read(gone).map(Arrays::toString));
        assertArrayEquals(valueFor("kept"), open().read(kept).orElseThrow());
    }

    @Test
    public void aMissingKeyIsEmptyNotAnError() throws Exception {
        SecretVault vault = open();
        SecretKey missing = new SecretKey("never-written", SecretKey.TOKEN_CACHE);

        assertEquals(Optional.empty(), vault.read(missing).map(Arrays::toString));
        assertFalse(vault.delete(missing));
        assertEquals(Set.of(), vault.keys("never-written"));
    }

    @Test
    public void valuesOf64KiBRoundTrip() throws Exception {
        byte[] large = new byte[64 * 1024];
        byte[] label = valueFor("large");
        for (int i = 0; i < large.length; i++) {
            large[i] = label[i % label.length];
        }
        SecretKey key = new SecretKey("contract", SecretKey.TOKEN_CACHE);
        open().write(key, large);

        assertArrayEquals(large, open().read(key).orElseThrow());
    }

    @Test
    public void keysListsTheEntriesOfOneProfileOnly() throws Exception {
        SecretVault vault = open();
        vault.write(new SecretKey("alpha", SecretKey.CLIENT_SECRET), valueFor("a1"));
        vault.write(new SecretKey("alpha", SecretKey.TOKEN_CACHE), valueFor("a2"));
        vault.write(new SecretKey("alpha-2", SecretKey.CLIENT_SECRET), valueFor("b1"));
        vault.write(new SecretKey("beta", SecretKey.CLIENT_SECRET), valueFor("c1"));

        assertEquals(Set.of(new SecretKey("alpha", SecretKey.CLIENT_SECRET), new SecretKey("alpha", SecretKey.TOKEN_CACHE)),
                open().keys("alpha"));
        assertArrayEquals(valueFor("b1"), open().read(new SecretKey("alpha-2", SecretKey.CLIENT_SECRET)).orElseThrow());
        assertArrayEquals(valueFor("c1"), open().read(new SecretKey("beta", SecretKey.CLIENT_SECRET)).orElseThrow());
    }

    @Test
    public void twoProcessesWritingAtTheSameTimeLoseNothing() throws Exception {
        String profile = "concurrent";
        Process other = writerProcess(List.of(store().id(), home.toString(), profile, "other",
                Integer.toString(CONCURRENT_WRITES))).redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            String first = out.readLine();
            if (!"ready".equals(first)) {
                other.waitFor(30, TimeUnit.SECONDS);
                fail("the second process did not open the store (first line: " + first + "): "
                        + new String(other.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
            SecretVault vault = open();
            for (int i = 0; i < CONCURRENT_WRITES; i++) {
                String kind = "self-" + i;
                vault.write(new SecretKey(profile, kind), valueFor(kind));
            }
            if (!other.waitFor(120, TimeUnit.SECONDS)) {
                fail("the second process did not finish its writes within 120 s");
            }
            assertEquals(0, other.exitValue(), () -> "the second process failed: " + stderr(other));
        } finally {
            other.destroyForcibly();
        }

        Set<SecretKey> expected = Stream.of("self", "other")
                .flatMap(prefix -> IntStream.range(0, CONCURRENT_WRITES).mapToObj(i -> new SecretKey(profile, prefix + "-" + i)))
                .collect(Collectors.toSet());
        SecretVault fresh = open();
        Set<SecretKey> found = new HashSet<>(fresh.keys(profile));
        assertEquals(expected, found, "entries lost or invented by concurrent writers");
        for (SecretKey key : expected) {
            assertArrayEquals(valueFor(key.kind()), fresh.read(key).orElseThrow(), key + " holds the wrong value");
        }
    }

    private static String stderr(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertNoSecretInMessagesOrFiles(List<byte[]> values) throws IOException {
        for (String message : context.messages()) {
            assertFalse(message.contains(CANARY), "the store said a secret on stderr: " + message);
        }
        if (!encryptsAtRest()) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(home)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            for (byte[] value : values) {
                assertFalse(contains(content, value), file + " holds a secret in the clear");
            }
            assertFalse(contains(content, CANARY.getBytes(StandardCharsets.US_ASCII)), file + " holds a secret in the clear");
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
