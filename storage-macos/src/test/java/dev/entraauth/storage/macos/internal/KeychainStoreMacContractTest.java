package dev.entraauth.storage.macos.internal;

import dev.entraauth.api.store.SecretStore;
import dev.entraauth.testkit.store.SecretStoreContract;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Keychain store with the real Security framework against the contract every store passes; only on macOS
 * (the CI workflow's macos-latest job). The Keychain is one per user, not one per test home, so each test uses
 * its own service name ({@code entra-auth-cli-test-<random>}) and deletes its items afterwards.
 */
@EnabledOnOs(OS.MAC)
class KeychainStoreMacContractTest extends SecretStoreContract {
    private final String service = "entra-auth-cli-test-" + UUID.randomUUID();

    @Override
    protected SecretStore store() {
        return new KeychainStore(System.getProperty("os.name"), service, SecurityFramework::new);
    }

    @AfterEach
    void deleteThisTestsItems() {
        SecurityFramework keychain = new SecurityFramework();
        Keychain.Result<List<String>> accounts = keychain.accounts(service);
        if (accounts.status() == OsStatus.SUCCESS) {
            accounts.value().forEach(account -> keychain.delete(service, account));
        }
    }

    /** The second process writes to this test's service: {@link KeychainStoreWriter}, on the class path. */
    @Override
    protected ProcessBuilder writerProcess(List<String> writerArguments) {
        String paths = Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""),
                        testClasses().toString())
                .filter(p -> !p.isBlank()).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", paths, KeychainStoreWriter.class.getName(), service));
        command.addAll(writerArguments);
        return new ProcessBuilder(command);
    }

    private static Path testClasses() {
        try {
            Path location = Path.of(KeychainStoreMacContractTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.endsWith("test-classes") ? location : Path.of("target", "test-classes").toAbsolutePath();
        } catch (URISyntaxException | NullPointerException e) {
            return Path.of("target", "test-classes").toAbsolutePath();
        }
    }
}
