package dev.entraauth.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One home keeps to one secret store: the record written on first use, and the store already holding secrets. */
class StoreChoiceTest {
    @TempDir
    Path home;

    private record Store(String id, int weight, boolean available, boolean holdsSecrets) implements SecretStore {
        @Override
        public String description() {
            return id;
        }

        @Override
        public Availability availability(StoreContext context) {
            return available ? Availability.available(id + " here") : Availability.unavailable(id + " is not reachable");
        }

        @Override
        public boolean holdsSecrets(StoreContext context) {
            return holdsSecrets;
        }

        @Override
        public SecretVault open(StoreContext context) throws StoreException {
            throw new StoreException("not opened in this test");
        }
    }

    private record Context(Path home, Map<String, String> environment) implements StoreContext {
        @Override
        public Interaction interaction() {
            return new Interaction() {
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
            };
        }
    }

    private StoreContext context() {
        return new Context(home, Map.of());
    }

    @Test
    void withoutARecordAStoreThatAlreadyHoldsSecretsWinsOverAHeavierNewlyAvailableOne() throws Exception {
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(new Store("keyring", 80, true, false),
                new Store("file", 50, true, true)));

        assertEquals("file", registry.select(context(), Optional.empty()).id());
    }

    @Test
    void theFirstStoreUsedIsRecordedPrivatelyAndKeptWhenAHeavierStoreAppearsLater() throws Exception {
        SecretStore file = new Store("file", 50, true, false);
        SecretStoreRegistry before = SecretStoreRegistry.of(List.of(new Store("keyring", 80, false, false), file));
        SecretStore first = before.select(context(), Optional.empty());
        SecretStoreRegistry.remember(context(), first);
        SecretStoreRegistry after = SecretStoreRegistry.of(List.of(new Store("keyring", 80, true, false), file));

        SecretStore later = after.select(context(), Optional.empty());

        assertEquals("file", first.id());
        assertEquals("file", later.id());
        Path record = home.resolve(SecretStoreRegistry.CHOICE_FILE);
        assertEquals("file\n", Files.readString(record));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));
    }

    @Test
    void aRecordedStoreThatIsUnavailableFailsNamingItAndTheWayOutInsteadOfFallingBack() throws Exception {
        Files.writeString(home.resolve(SecretStoreRegistry.CHOICE_FILE), "keyring\n");
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(new Store("keyring", 80, false, false),
                new Store("file", 50, true, true)));

        EntraAuthException e = assertThrows(EntraAuthException.class, () -> registry.select(context(), Optional.empty()));

        assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
        Path record = home.resolve(SecretStoreRegistry.CHOICE_FILE);
        assertEquals("secret store 'keyring' (this home's, recorded in " + record + ") is not available: keyring is not reachable."
                + " Give --store ID to use another (its secrets are separate), or delete " + record + " to choose again", e.getMessage());
    }

    @Test
    void aRecordedStoreThisBuildLacksIsNamedWithTheInstalledOnes() throws Exception {
        Files.writeString(home.resolve(SecretStoreRegistry.CHOICE_FILE), "vault\n");
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(new Store("file", 50, true, false)));

        EntraAuthException e = assertThrows(EntraAuthException.class, () -> registry.select(context(), Optional.empty()));

        assertEquals(ExitCode.NO_PROVIDER, e.exitCode());
        assertTrue(e.getMessage().startsWith("this home's secrets are in the 'vault' secret store"), e.getMessage());
        assertTrue(e.getMessage().contains("installed stores: file"), e.getMessage());
    }

    @Test
    void anExplicitStoreWinsOverTheRecordAndARecordIsNeverOverwritten() throws Exception {
        Files.writeString(home.resolve(SecretStoreRegistry.CHOICE_FILE), "file\n");
        SecretStore keyring = new Store("keyring", 80, true, false);
        SecretStoreRegistry registry = SecretStoreRegistry.of(List.of(keyring, new Store("file", 50, true, true)));

        SecretStore chosen = registry.select(context(), Optional.of("keyring"));
        SecretStoreRegistry.remember(context(), chosen);

        assertEquals("keyring", chosen.id());
        assertEquals("file\n", Files.readString(home.resolve(SecretStoreRegistry.CHOICE_FILE)));
    }
}
