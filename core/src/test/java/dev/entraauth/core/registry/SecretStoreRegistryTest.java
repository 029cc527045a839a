package dev.entraauth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.EntraAuthException;
import dev.entraauth.api.ExitCode;
import dev.entraauth.api.Interaction;
import dev.entraauth.api.store.Availability;
import dev.entraauth.api.store.SecretStore;
import dev.entraauth.api.store.SecretVault;
import dev.entraauth.api.store.StoreContext;
import dev.entraauth.api.store.StoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretStoreRegistryTest {

    /** A store with a fixed id, weight and availability; it cannot be opened. */
    private record FakeStore(String id, int weight, Availability availability) implements SecretStore {
        static FakeStore available(String id, int weight) {
            return new FakeStore(id, weight, Availability.available("fake " + id));
        }

        static FakeStore unavailable(String id, int weight, String reason) {
            return new FakeStore(id, weight, Availability.unavailable(reason));
        }

        @Override
        public String description() {
            return "fake store " + id;
        }

        @Override
        public Availability availability(StoreContext context) {
            return availability;
        }

        @Override
        public SecretVault open(StoreContext context) throws StoreException {
            throw new StoreException("fake stores cannot be opened");
        }
    }

    /** An interaction with no terminal. */
    private static final class NoTerminal implements Interaction {
        @Override
        public boolean canPrompt() {
            return false;
        }

        @Override
        public Optional<String> readLine(String prompt) {
            return Optional.empty();
        }

        @Override
        public Optional<char[]> readSecret(String prompt) {
            return Optional.empty();
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    }

    private record FakeContext(Path home, Map<String, String> environment, Interaction interaction) implements StoreContext {
        static FakeContext withEnvironment(Map<String, String> environment) {
            return new FakeContext(Path.of("/nonexistent/entra-auth-cli-test-home"), environment, new NoTerminal());
        }
    }

    private static final StoreContext NO_ENV = FakeContext.withEnvironment(Map.of());

    @Test
    void selectPicksTheAvailableStoreWithTheHighestWeight() throws EntraAuthException {
        // Arrange
        SecretStore low = FakeStore.available("encrypted-file", 50);
        SecretStore high = FakeStore.available("libsecret", 100);
        SecretStore highButUnavailable = FakeStore.unavailable("keyring-plugin", 500, "no D-Bus session");
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(low, highButUnavailable, high));

        // Act
        SecretStore chosen = registry.select(NO_ENV, Optional.empty());

        // Assert
        assertSame(high, chosen);
    }

    @Test
    void equalWeightsAreBrokenByIdAlphabetically() throws EntraAuthException {
        // Arrange
        SecretStore b = FakeStore.available("bravo", 100);
        SecretStore a = FakeStore.available("alpha", 100);
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(b, a));

        // Act
        SecretStore chosen = registry.select(NO_ENV, Optional.empty());

        // Assert
        assertSame(a, chosen);
        assertEquals(List.of("alpha", "bravo"), registry.stores().stream().map(SecretStore::id).toList());
    }

    @Test
    void storesAreListedHighestWeightFirst() {
        // Arrange
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(
                FakeStore.available("a", 10), FakeStore.available("b", 100), FakeStore.available("c", 50)));

        // Act
        List<String> ids = registry.stores().stream().map(SecretStore::id).toList();

        // Assert
        assertEquals(List.of("b", "c", "a"), ids);
    }

    @Test
    void requestedIdIsHonouredOverAHigherWeightAndMatchedIgnoringCase() throws EntraAuthException {
        // Arrange
        SecretStore low = FakeStore.available("encrypted-file", 50);
        SecretStore high = FakeStore.available("libsecret", 100);
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(low, high));

        // Act
        SecretStore chosen = registry.select(NO_ENV, Optional.of(" Encrypted-File "));

        // Assert
        assertSame(low, chosen);
    }

    @Test
    void storeNamedInTheEnvironmentIsHonoured() throws EntraAuthException {
        // Arrange
        SecretStore low = FakeStore.available("encrypted-file", 50);
        SecretStore high = FakeStore.available("libsecret", 100);
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(low, high));
        StoreContext context = FakeContext.withEnvironment(Map.of(SecretStoreRegistry.STORE_VARIABLE, "encrypted-file"));

        // Act
        SecretStore chosen = registry.select(context, Optional.empty());

        // Assert
        assertSame(low, chosen);
    }

    @Test
    void requestedIdWinsOverTheEnvironment() throws EntraAuthException {
        // Arrange
        SecretStore low = FakeStore.available("encrypted-file", 50);
        SecretStore high = FakeStore.available("libsecret", 100);
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(low, high));
        StoreContext context = FakeContext.withEnvironment(Map.of(SecretStoreRegistry.STORE_VARIABLE, "encrypted-file"));

        // Act
        SecretStore chosen = registry.select(context, Optional.of("libsecret"));

        // Assert
        assertSame(high, chosen);
    }

    @Test
    void blankStoreVariableIsIgnored() throws EntraAuthException {
        // Arrange
        SecretStore only = FakeStore.available("encrypted-file", 50);
        StoreContext context = FakeContext.withEnvironment(Map.of(SecretStoreRegistry.STORE_VARIABLE, "  "));

        // Act
        SecretStore chosen = SecretStoreRegistry.of(List.of(only)).select(context, Optional.empty());

        // Assert
        assertSame(only, chosen);
    }

    @Test
    void unknownRequestedIdIsAUsageErrorListingTheInstalledStores() {
        // Arrange
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(
                FakeStore.available("encrypted-file", 50), FakeStore.available("libsecret", 100)));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> registry.select(NO_ENV, Optional.of("vault")));

        // Assert
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("no secret store 'vault'"), e.getMessage());
        assertTrue(e.getMessage().contains("encrypted-file, libsecret"), e.getMessage());
    }

    @Test
    void unknownIdFromTheEnvironmentIsAUsageError() {
        // Arrange
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(FakeStore.available("encrypted-file", 50)));
        StoreContext context = FakeContext.withEnvironment(Map.of(SecretStoreRegistry.STORE_VARIABLE, "vault"));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> registry.select(context, Optional.empty()));

        // Assert
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void requestedStoreThatIsUnavailableIsNoProviderWithItsReasonAndNoFallback() {
        // Arrange
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(
                FakeStore.unavailable("libsecret", 100, "no D-Bus session bus"), FakeStore.available("encrypted-file", 50)));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> registry.select(NO_ENV, Optional.of("libsecret")));

        // Assert
        assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
        assertTrue(e.getMessage().contains("'libsecret' is not available: no D-Bus session bus"), e.getMessage());
    }

    @Test
    void noAvailableStoreIsNoProviderListingEachStoreWithItsReason() {
        // Arrange
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(
                FakeStore.unavailable("encrypted-file", 50, "needs a POSIX file system"),
                FakeStore.unavailable("libsecret", 100, "no D-Bus session bus")));

        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class, () -> registry.select(NO_ENV, Optional.empty()));

        // Assert
        assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
        assertEquals("no secret store is available; libsecret: no D-Bus session bus; encrypted-file: needs a POSIX file system",
                e.getMessage());
    }

    @Test
    void noInstalledStoreIsNoProviderSayingSo() {
        // Act
        EntraAuthException e = assertThrows(EntraAuthException.class,
                () -> SecretStoreRegistry.of(List.of()).select(NO_ENV, Optional.empty()));

        // Assert
        assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
        assertTrue(e.getMessage().contains("no secret store is installed"), e.getMessage());
    }

    @Test
    void duplicateStoreIdsKeepOneAndReportAProblem() throws EntraAuthException {
        // Arrange
        SecretStore first = FakeStore.available("encrypted-file", 50);
        SecretStore second = FakeStore.available("Encrypted-File", 900);

        // Act
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(first, second));

        // Assert
        assertEquals(List.of(first), registry.stores());
        assertSame(first, registry.select(NO_ENV, Optional.empty()));
        assertEquals(1, registry.problems().size());
        String problem = registry.problems().getFirst();
        assertTrue(problem.contains("secret store id 'Encrypted-File' is provided twice"), problem);
        assertTrue(problem.contains("(used)") && problem.contains("(ignored)"), problem);
    }

    @Test
    void describeReportsTheStoresAvailabilityInTheContext() {
        // Arrange
        SecretStore store = FakeStore.unavailable("libsecret", 100, "no D-Bus session bus");

        // Act
        ProviderInfo info = SecretStoreRegistry.describe(store, NO_ENV);

        // Assert
        assertEquals("store", info.kind());
        assertEquals("libsecret", info.id());
        assertEquals(Availability.unavailable("no D-Bus session bus"), info.availability());
    }
}
