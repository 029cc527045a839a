package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.entraauth.api.archfixture.ApiUsingJackson;
import dev.entraauth.core.archfixture.CoreBreakingTheRules;
import dev.entraauth.storage.archfixture.StoreRunningTheSecurityTool;
import org.junit.jupiter.api.Test;

/**
 * Each rule reports a violation on fixture classes that break it, so a rule that silently matches
 * nothing cannot pass. The fixtures live in test sources only, in packages named like the real ones.
 */
class ArchitectureRulesCanFailTest {
    static final JavaClasses FIXTURES = new ClassFileImporter().importClasses(ApiUsingJackson.class, CoreBreakingTheRules.class,
            StoreRunningTheSecurityTool.class);

    private static void assertViolated(ArchRule rule, Class<?> offender) {
        EvaluationResult result = rule.evaluate(FIXTURES);
        assertTrue(result.hasViolation(), "rule did not fire: " + rule.getDescription());
        assertTrue(result.getFailureReport().toString().contains(offender.getName()), result.getFailureReport().toString());
    }

    @Test
    void standardStreamsOutsideMainAreReported() {
        assertViolated(ArchitectureRules.NO_STANDARD_STREAMS, CoreBreakingTheRules.class);
    }

    @Test
    void printStackTraceIsReported() {
        assertViolated(ArchitectureRules.NO_PRINT_STACK_TRACE, CoreBreakingTheRules.class);
    }

    @Test
    void anApiDependingOnALibraryIsReported() {
        assertViolated(ArchitectureRules.API_DEPENDS_ON_JDK_ONLY, ApiUsingJackson.class);
    }

    @Test
    void jacksonOutsideCoreAndCliIsReported() {
        assertViolated(ArchitectureRules.JACKSON_ONLY_IN_CORE_AND_CLI, ApiUsingJackson.class);
    }

    @Test
    void picocliOutsideTheCliIsReported() {
        assertViolated(ArchitectureRules.PICOCLI_ONLY_IN_CLI, CoreBreakingTheRules.class);
    }

    @Test
    void aServiceLoaderOutsideTheRegistriesIsReported() {
        assertViolated(ArchitectureRules.SERVICE_LOADER_ONLY_IN_REGISTRIES, CoreBreakingTheRules.class);
    }

    @Test
    void theCoreNamingAProviderIsReported() {
        assertViolated(ArchitectureRules.CORE_KNOWS_NO_PROVIDER, CoreBreakingTheRules.class);
    }

    @Test
    void aLowerLayerUsingTheCliIsReported() {
        assertViolated(ArchitectureRules.NOTHING_DEPENDS_ON_THE_CLI, CoreBreakingTheRules.class);
    }

    @Test
    void aStoreUsingTheCliOrAFlowIsReported() {
        assertViolated(ArchitectureRules.STORES_DEPEND_ONLY_ON_API_AND_CORE, StoreRunningTheSecurityTool.class);
    }

    @Test
    void aStoreUsingAnotherStoreIsReported() {
        assertViolated(ArchitectureRules.STORES_DO_NOT_KNOW_EACH_OTHER, StoreRunningTheSecurityTool.class);
    }

    @Test
    void aStoreStartingAProcessIsReported() {
        assertViolated(ArchitectureRules.STORES_START_NO_PROCESSES, StoreRunningTheSecurityTool.class);
    }

    @Test
    void aPackageCycleIsReported() {
        assertViolated(ArchitectureRules.NO_PACKAGE_CYCLES, ApiUsingJackson.class);
    }
}
