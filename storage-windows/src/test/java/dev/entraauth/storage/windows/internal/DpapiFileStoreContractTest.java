package dev.entraauth.storage.windows.internal;

import dev.entraauth.api.store.SecretStore;
import dev.entraauth.testkit.store.SecretStoreContract;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The DPAPI store's file logic against the contract every store passes — with a FAKE DPAPI ({@link FakeDpapi}):
 * DPAPI exists only on Windows, and this test runs on every OS (on Linux in {@code .ci/run}). It checks the
 * files, entry names, lock and atomic writes, including two processes writing at once; it does not check DPAPI.
 * {@link DpapiFileStoreWindowsContractTest} runs the same contract with real DPAPI on Windows.
 */
class DpapiFileStoreContractTest extends SecretStoreContract {

    @Override
    protected SecretStore store() {
        return new DpapiFileStore("Windows (fake DPAPI)", FakeDpapi::sharedUser);
    }

    /** The second process opens the store with the same fake DPAPI "user": {@link FakeDpapiStoreWriter}, on the class path. */
    @Override
    protected ProcessBuilder writerProcess(List<String> writerArguments) {
        return classPathProcess(FakeDpapiStoreWriter.class, writerArguments);
    }

    /**
     * A JVM running a test class's {@code main} with every jar and class directory of this test JVM, and the test
     * classes, on the class path: the test classes are patched into the module in this JVM, which a child cannot
     * repeat without surefire's arguments.
     */
    static ProcessBuilder classPathProcess(Class<?> main, List<String> arguments) {
        String paths = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""),
                        testClasses().toString())
                .filter(p -> !p.isBlank()).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", paths, main.getName()));
        command.addAll(arguments);
        return new ProcessBuilder(command);
    }

    private static Path testClasses() {
        try {
            Path location = Path.of(DpapiFileStoreContractTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.endsWith("test-classes") ? location : Path.of("target", "test-classes").toAbsolutePath();
        } catch (URISyntaxException | NullPointerException e) {
            return Path.of("target", "test-classes").toAbsolutePath();
        }
    }
}
