package dev.entraauth.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entraauth.api.store.SecretStore;
import dev.entraauth.core.registry.ProviderOrigin;
import dev.entraauth.core.registry.SecretStoreRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars built here with javac and jar, loaded into a layer over the boot layer as the CLI does. */
class PluginLayerTest {
    @TempDir
    Path work;

    Path plugins;
    PluginJars jars;

    @BeforeEach
    void directory() throws Exception {
        plugins = Files.createDirectory(work.resolve("plugins"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        jars = new PluginJars(Files.createDirectory(work.resolve("build")));
    }

    private List<String> storeIds(PluginLayer loaded) {
        return SecretStoreRegistry.load(loaded.layer()).stores().stream().map(SecretStore::id).toList();
    }

    @Test
    void withoutAPluginsDirectoryNothingIsLoadedAndNothingIsSaid() {
        PluginLayer loaded = PluginLayer.load(work.resolve("none"), ModuleLayer.boot());

        assertSame(ModuleLayer.boot(), loaded.layer());
        assertEquals(List.of(), loaded.problems());
    }

    @Test
    void aModularJarProvidingAStoreIsFoundByTheRegistryWithItsJarAsOrigin() throws Exception {
        Path jar = jars.store(plugins.resolve("vault-store.jar"), "com.example.vault", "vault");

        PluginLayer loaded = PluginLayer.load(plugins, ModuleLayer.boot());

        assertEquals(List.of(), loaded.problems());
        assertEquals(Map.of("com.example.vault", jar), loaded.plugins());
        assertTrue(storeIds(loaded).contains("vault"), storeIds(loaded).toString());
        SecretStore store = SecretStoreRegistry.load(loaded.layer()).stores().stream().filter(s -> s.id().equals("vault")).findFirst()
                .orElseThrow();
        ProviderOrigin origin = ProviderOrigin.of(store.getClass());
        assertEquals("com.example.vault", origin.module());
        assertEquals("1.0.0", origin.version());
        assertTrue(origin.location().endsWith("/plugins/vault-store.jar"), origin.location());
    }

    @Test
    void aStoreWhoseConstructorThrowsIsAProblemNamingItsJarAndTheOtherStoresLoad() throws Exception {
        jars.store(plugins.resolve("vault-store.jar"), "com.example.vault", "vault");
        Path broken = jars.failingStore(plugins.resolve("broken-store.jar"), "com.example.broken", "broken",
                "no vault address configured");

        PluginLayer loaded = PluginLayer.load(plugins, ModuleLayer.boot());
        SecretStoreRegistry registry = SecretStoreRegistry.load(loaded.layer());

        assertEquals(List.of(), loaded.problems());
        assertEquals(List.of("secret store provider com.example.broken.internal.Store from " + broken
                + " could not be created: IllegalStateException: no vault address configured"), registry.problems());
        assertTrue(storeIds(loaded).contains("vault"), storeIds(loaded).toString());
        assertFalse(storeIds(loaded).contains("broken"), storeIds(loaded).toString());
    }

    @Test
    void aDirectoryOthersCanWriteToLoadsNothingAndSaysWhy() throws Exception {
        jars.store(plugins.resolve("vault-store.jar"), "com.example.vault", "vault");
        Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxrwxrwx"));

        PluginLayer loaded = PluginLayer.load(plugins, ModuleLayer.boot());

        assertSame(ModuleLayer.boot(), loaded.layer());
        assertEquals(List.of("plugins directory " + plugins + " is writable by others (mode rwxrwxrwx; run chmod go-w on it):"
                + " no plugin is loaded from it"), loaded.problems());
    }

    @Test
    void aJarItsGroupCanWriteIsRefusedAndTheOthersLoad() throws Exception {
        Path unsafe = jars.store(plugins.resolve("a-unsafe.jar"), "com.example.unsafe", "unsafe");
        jars.store(plugins.resolve("b-vault.jar"), "com.example.vault", "vault");
        Files.setPosixFilePermissions(unsafe, PosixFilePermissions.fromString("rw-rw-r--"));

        PluginLayer loaded = PluginLayer.load(plugins, ModuleLayer.boot());

        assertEquals(List.of("plugin " + unsafe + " is writable by its group (mode rw-rw-r--; run chmod go-w on it): not loaded"),
                loaded.problems());
        assertTrue(storeIds(loaded).contains("vault") && !storeIds(loaded).contains("unsafe"), storeIds(loaded).toString());
    }

    @Test
    void aPluginWithAMissingDependencyIsNamedAndTheOthersLoad() throws Exception {
        Path missing = jars.build(work.resolve("elsewhere/missing.jar"), "1.0.0", List.of(), Map.of(
                "module-info.java", "module com.example.missing { }"));
        Path broken = jars.build(plugins.resolve("a-broken.jar"), "1.0.0", List.of(PluginJars.api(), missing), Map.of(
                "module-info.java", "module com.example.broken { requires dev.entraauth.api; requires com.example.missing; }"));
        jars.store(plugins.resolve("b-vault.jar"), "com.example.vault", "vault");

        PluginLayer loaded = PluginLayer.load(plugins, ModuleLayer.boot());

        assertEquals(1, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems().getFirst().startsWith("plugin " + broken + " (com.example.broken) cannot be resolved: "
                + "Module com.example.missing not found"), loaded.problems().getFirst());
        assertTrue(storeIds(loaded).contains("vault"), storeIds(loaded).toString());
    }

    @Test
    void aPluginNamedLikeAModuleOfTheCliIsRefused() throws Exception {
        Path clash = jars.build(plugins.resolve("core.jar"), "1.0.0", List.of(), Map.of(
                "module-info.java", "module dev.entraauth.core { }"));

        PluginLayer loaded = PluginLayer.load(plugins, ModuleLayer.boot());

        assertEquals(List.of("plugin " + clash + " is module dev.entraauth.core, which the CLI already has: not loaded"),
                loaded.problems());
    }

    @Test
    void twoPluginsWithTheSameModuleNameAreBothRefused() throws Exception {
        Path first = jars.store(plugins.resolve("a.jar"), "com.example.vault", "vault-a");
        Path second = jars.store(plugins.resolve("b.jar"), "com.example.vault", "vault-b");

        PluginLayer loaded = PluginLayer.load(plugins, ModuleLayer.boot());

        assertEquals(List.of("plugin " + second + " is module com.example.vault, like " + first + ": neither is loaded"),
                loaded.problems());
        assertSame(ModuleLayer.boot(), loaded.layer());
    }

    @Test
    void aFileThatIsNoJarIsNamed() throws Exception {
        Path garbage = Files.writeString(plugins.resolve("garbage.jar"), "not a zip");

        PluginLayer loaded = PluginLayer.load(plugins, ModuleLayer.boot());

        assertEquals(1, loaded.problems().size());
        assertTrue(loaded.problems().getFirst().startsWith("plugin " + garbage + " is not a usable module: "), loaded.problems().toString());
    }

    @Test
    void aPluginBuiltForAnotherApiVersionIsRefusedNamingBothVersions() throws Exception {
        Path fakeApi = jars.build(work.resolve("api-9/api.jar"), "9.0.0", List.of(), Map.of(
                "module-info.java", "module dev.entraauth.api { }"));
        Path future = jars.build(plugins.resolve("future.jar"), "1.0.0", List.of(fakeApi), Map.of(
                "module-info.java", "module com.example.future { requires dev.entraauth.api; }"));
        String running = ModuleLayer.boot().findModule(PluginLayer.API_MODULE).orElseThrow().getDescriptor().version()
                .orElseThrow().toString();

        PluginLayer loaded = PluginLayer.load(plugins, ModuleLayer.boot());

        assertEquals(List.of("plugin " + future + " was built for dev.entraauth.api 9.0.0, not compatible with this CLI's "
                + running + " (" + ApiCompatibility.RULE + "): not loaded"), loaded.problems());
    }
}
