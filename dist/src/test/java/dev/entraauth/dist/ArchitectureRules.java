package dev.entraauth.dist;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ServiceLoader;

/** The layering of entra-auth-cli as ArchUnit rules, applied to production classes by {@link ArchitectureTest}. */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** Standard streams carry only results, and only Main touches them; everything else goes through the context. */
    static final ArchRule NO_STANDARD_STREAMS = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.entraauth.cli.Main")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("stdout carries only the token or JSON, and commands write through the context (STYLE 14)");

    /** No stack traces printed behind the error policy's back. */
    static final ArchRule NO_PRINT_STACK_TRACE = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.entraauth.cli.command.ErrorReporter")
            .should().callMethodWhere(target(name("printStackTrace")))
            .because("stack traces appear only with --debug, through the ErrorReporter");

    /** api depends on the JDK only. */
    static final ArchRule API_DEPENDS_ON_JDK_ONLY = classes()
            .that().resideInAPackage("dev.entraauth.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.entraauth.api..", "java..", "javax..")
            .because("plugins build against the api alone");

    /** The layers: nothing below the CLI knows the CLI; providers know only the api (and core for shared I/O). */
    static final ArchRule NOTHING_DEPENDS_ON_THE_CLI = noClasses()
            .that().resideOutsideOfPackage("dev.entraauth.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.entraauth.cli..")
            .because("the dependency direction is cli -> core -> api");

    static final ArchRule CORE_KNOWS_NO_PROVIDER = noClasses()
            .that().resideInAnyPackage("dev.entraauth.core..", "dev.entraauth.api..", "dev.entraauth.graph..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.entraauth.storage..", "dev.entraauth.flows..")
            .because("the core (and the graph module above it) finds providers through ServiceLoader and knows none by name");

    static final ArchRule PICOCLI_ONLY_IN_CLI = noClasses()
            .that().resideOutsideOfPackage("dev.entraauth.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("picocli is the CLI's parser; the api's Command SPI is picocli-free");

    static final ArchRule MSAL_ONLY_IN_CORE_AND_FLOWS = noClasses()
            .that().resideOutsideOfPackages("dev.entraauth.core..", "dev.entraauth.flows..")
            .should().dependOnClassesThat().resideInAPackage("com.microsoft.aad.msal4j..")
            .because("msal4j is confined to the protocol glue");

    static final ArchRule JNA_ONLY_IN_STORES = noClasses()
            .that().resideOutsideOfPackage("dev.entraauth.storage..")
            .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
            .because("native bindings live in the platform store modules");

    static final ArchRule JACKSON_ONLY_IN_CORE_AND_CLI = noClasses()
            .that().resideOutsideOfPackages("dev.entraauth.core..", "dev.entraauth.cli..", "dev.entraauth.graph..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("file formats are the core's business (and Microsoft Graph's JSON the graph module's)");

    static final ArchRule SERVICE_LOADER_ONLY_IN_REGISTRIES = noClasses()
            .that().resideOutsideOfPackage("dev.entraauth.core.registry")
            .should().dependOnClassesThat().belongToAnyOf(ServiceLoader.class)
            .because("one registry per SPI is the only ServiceLoader call site (STYLE 8)");

    /** A store builds on the api and the core's shared I/O only (and its own native binding). */
    static final ArchRule STORES_DEPEND_ONLY_ON_API_AND_CORE = noClasses()
            .that().resideInAPackage("dev.entraauth.storage..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.entraauth.cli..", "dev.entraauth.flows..",
                    "dev.entraauth.graph..", "dev.entraauth.testkit..")
            .because("a secret store is a plugin of the api; the core offers it secure file I/O and nothing more");

    /** Each OS's store stands alone: an image carries only its own. */
    static final ArchRule STORES_DO_NOT_KNOW_EACH_OTHER = slices()
            .matching("dev.entraauth.storage.(*)..")
            .should().notDependOnEachOther()
            .because("each OS image links only its own store module");

    /** SR5: no store starts a process, so no secret can reach a child's command line (the macOS security tool). */
    static final ArchRule STORES_START_NO_PROCESSES = noClasses()
            .that().resideInAPackage("dev.entraauth.storage..")
            .should().dependOnClassesThat().belongToAnyOf(ProcessBuilder.class, ProcessHandle.class)
            .orShould().callMethodWhere(target(name("exec")).and(target(owner(type(Runtime.class)))))
            .because("stores reach the OS through native APIs; a secret on a command line is readable by every local user (SR5)");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("dev.entraauth.(**)")
            .should().beFreeOfCycles();
}
