package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every architecture rule over every production class of every module. */
class ArchitectureTest {
    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/archfixture/"))
                // the emulator is a test tool on this test class path, not production code
                .withImportOption(location -> !location.contains("entra-auth-testkit") && !location.contains("/testkit/"))
                .importPackages("dev.entraauth");
    }

    @Test
    void theRulesSeeEveryModule() {
        Set<String> packages = production.stream().map(c -> c.getPackageName()).collect(Collectors.toSet());
        assertTrue(production.size() > 60, "only " + production.size() + " classes imported: the rules would pass on nothing");
        for (String expected : List.of("dev.entraauth.api", "dev.entraauth.api.flow", "dev.entraauth.api.store",
                "dev.entraauth.core.profile", "dev.entraauth.core.registry", "dev.entraauth.cli", "dev.entraauth.cli.command",
                "dev.entraauth.storage.linux.internal", "dev.entraauth.storage.windows.internal",
                "dev.entraauth.storage.macos.internal", "dev.entraauth.core.loopback", "dev.entraauth.core.browser",
                "dev.entraauth.flows.interactive.internal", "dev.entraauth.flows.managedidentity.internal")) {
            assertTrue(packages.contains(expected), expected + " not imported; found " + packages);
        }
    }

    static Stream<ArchRule> rules() {
        return Stream.of(ArchitectureRules.NO_STANDARD_STREAMS, ArchitectureRules.NO_PRINT_STACK_TRACE,
                ArchitectureRules.API_DEPENDS_ON_JDK_ONLY, ArchitectureRules.NOTHING_DEPENDS_ON_THE_CLI,
                ArchitectureRules.CORE_KNOWS_NO_PROVIDER, ArchitectureRules.PICOCLI_ONLY_IN_CLI,
                ArchitectureRules.MSAL_ONLY_IN_CORE_AND_FLOWS, ArchitectureRules.JNA_ONLY_IN_STORES,
                ArchitectureRules.JACKSON_ONLY_IN_CORE_AND_CLI, ArchitectureRules.SERVICE_LOADER_ONLY_IN_REGISTRIES,
                ArchitectureRules.STORES_DEPEND_ONLY_ON_API_AND_CORE, ArchitectureRules.STORES_DO_NOT_KNOW_EACH_OTHER,
                ArchitectureRules.STORES_START_NO_PROCESSES, ArchitectureRules.NO_PACKAGE_CYCLES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productionCodeFollowsTheRule(ArchRule rule) {
        rule.check(production);
    }
}
