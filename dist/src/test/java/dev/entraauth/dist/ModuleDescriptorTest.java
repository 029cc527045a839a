package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module descriptors of the built jars: compared with golden {@code jar --describe-module} outputs so a
 * change to requires, exports, opens, uses or provides shows in review; and the naming rules of STYLE.md.
 */
class ModuleDescriptorTest {
    private static final ToolProvider JAR = ToolProvider.findFirst("jar").orElseThrow();

    static Path jarOf(String className) throws ClassNotFoundException, URISyntaxException {
        Path location = Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(location), className + " was loaded from " + location
                + ", not a jar: run the build to the package phase at least (./mvnw verify)");
        return location;
    }

    static final String[][] MODULES = {
            {"dev.entraauth.api", "dev.entraauth.api.ExitCode"},
            {"dev.entraauth.core", "dev.entraauth.core.io.Home"},
            {"dev.entraauth.cli", "dev.entraauth.cli.Main"},
            {"dev.entraauth.graph", "dev.entraauth.graph.GraphClient"},
            {"dev.entraauth.storage.linux", "dev.entraauth.storage.linux.internal.EncryptedFileStore"},
            {"dev.entraauth.storage.windows", "dev.entraauth.storage.windows.internal.DpapiFileStore"},
            {"dev.entraauth.storage.macos", "dev.entraauth.storage.macos.internal.KeychainStore"},
            {"dev.entraauth.storage.plaintext", "dev.entraauth.storage.plaintext.internal.PlaintextStore"},
            {"dev.entraauth.flows.clientcredentials", "dev.entraauth.flows.clientcredentials.internal.ClientCredentialsFlow"},
            {"dev.entraauth.flows.authcode", "dev.entraauth.flows.authcode.internal.AuthorizationCodeFlow"},
            {"dev.entraauth.flows.devicecode", "dev.entraauth.flows.devicecode.internal.DeviceCodeFlow"},
            {"dev.entraauth.flows.interactive", "dev.entraauth.flows.interactive.internal.InteractiveBrowserFlow"},
            {"dev.entraauth.flows.managedidentity", "dev.entraauth.flows.managedidentity.internal.ManagedIdentityFlow"},
    };

    /** {@return every module of the product, from {@link #MODULES}} */
    static java.util.stream.Stream<String> modules() {
        return java.util.Arrays.stream(MODULES).map(entry -> entry[0]);
    }

    /** {@return the plugin modules: flows and stores} */
    static java.util.stream.Stream<String> providerModules() {
        return modules().filter(m -> m.startsWith("dev.entraauth.flows.") || m.startsWith("dev.entraauth.storage."));
    }

    static Path jarOfModule(String module) throws Exception {
        for (String[] entry : MODULES) {
            if (entry[0].equals(module)) {
                return jarOf(entry[1]);
            }
        }
        throw new IllegalArgumentException(module);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void descriptorMatchesTheGoldenFile(String module) throws Exception {
        String actual = describe(jarOfModule(module));
        String golden;
        try (InputStream in = ModuleDescriptorTest.class.getResourceAsStream("/describe-module/" + module + ".txt")) {
            golden = in == null ? "(no golden file)" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(golden.strip(), actual.strip(), "module-info of " + module + " changed. If intended, update"
                + " dist/src/test/resources/describe-module/" + module + ".txt with the actual text");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void everyPackageStartsWithTheModuleName(String module) throws Exception {
        ModuleDescriptor descriptor = descriptor(module);
        assertEquals(module, descriptor.name());
        for (String pkg : descriptor.packages()) {
            assertTrue(pkg.equals(module) || pkg.startsWith(module + "."), pkg + " in module " + module);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providerModules")
    void providerModulesExportNothingAndProvideAService(String module) throws Exception {
        ModuleDescriptor descriptor = descriptor(module);
        assertEquals(Set.of(), descriptor.exports(), module + " exports packages");
        assertTrue(!descriptor.provides().isEmpty(), module + " provides nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void everyModuleIsAnExplicitVersionedModule(String module) throws Exception {
        ModuleDescriptor descriptor = descriptor(module);
        assertTrue(!descriptor.isAutomatic(), module + " is automatic");
        assertTrue(descriptor.rawVersion().isPresent(), module + " has no version");
    }

    private static ModuleDescriptor descriptor(String module) throws Exception {
        List<ModuleReference> refs = ModuleFinder.of(jarOfModule(module)).findAll().stream().toList();
        return refs.getFirst().descriptor();
    }

    /** {@code jar --describe-module}, without the jar's location and version on the first line. */
    static String describe(Path jar) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = JAR.run(new PrintWriter(out), new PrintWriter(err), "--describe-module", "--file", jar.toString());
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        lines.set(0, lines.getFirst().replaceAll("@\\S+", "").replaceAll(" jar:\\S+", ""));
        return String.join("\n", lines);
    }
}
