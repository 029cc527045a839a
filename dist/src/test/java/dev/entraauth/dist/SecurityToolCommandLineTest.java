package dev.entraauth.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.entraauth.storage.archfixture.StoreRunningTheSecurityTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * SR5, checked in the compiled code of every module: no production class that can start a process
 * ({@code ProcessBuilder}, {@code Runtime.exec}) names the macOS {@code security} tool, whose command line
 * ({@code -w <password>}) every local user can read. The Keychain store uses the Security framework through JNA
 * instead; {@link ArchitectureRules#STORES_START_NO_PROCESSES} forbids stores to start processes at all, and
 * {@code KeychainStoreMacTest#aCanarySecretNeverAppearsInTheArgumentsOfAnyProcess} watches {@code ps} on macOS.
 */
class SecurityToolCommandLineTest {

    /** {@return the classes that may start a process and carry a string constant naming the security tool} */
    static List<String> offenders(JavaClasses classes) {
        List<String> offenders = new ArrayList<>();
        for (JavaClass javaClass : classes) {
            ClassModel model = parse(javaClass);
            List<PoolEntry> pool = StreamSupport.stream(model.constantPool().spliterator(), false).toList();
            boolean startsProcesses = pool.stream().anyMatch(SecurityToolCommandLineTest::startsProcesses);
            boolean namesTheTool = pool.stream().anyMatch(e -> e instanceof StringEntry s && namesTheSecurityTool(s.stringValue()));
            if (startsProcesses && namesTheTool) {
                offenders.add(javaClass.getName());
            }
        }
        return offenders;
    }

    private static boolean startsProcesses(PoolEntry entry) {
        if (entry instanceof ClassEntry c) {
            return c.asInternalName().equals("java/lang/ProcessBuilder");
        }
        return entry instanceof MemberRefEntry m && m.owner().asInternalName().equals("java/lang/Runtime")
                && m.name().equalsString("exec");
    }

    static boolean namesTheSecurityTool(String constant) {
        String text = constant.strip();
        return text.equals("security") || text.endsWith("/security") || text.startsWith("security ")
                || text.contains("/security ");
    }

    private static ClassModel parse(JavaClass javaClass) {
        try (InputStream in = javaClass.getSource().orElseThrow().getUri().toURL().openStream()) {
            return ClassFile.of().parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noProductionClassThatCanStartAProcessNamesTheSecurityTool() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/archfixture/"))
                .importPackages("dev.entraauth");
        assertTrue(production.contain("dev.entraauth.core.browser.BrowserLauncher"), "the classes that start processes were imported");
        assertTrue(production.contain("dev.entraauth.storage.macos.internal.SecurityFramework"), "the Keychain store was imported");

        assertEquals(List.of(), offenders(production));
    }

    @Test
    void theCheckFindsAClassThatRunsTheSecurityToolWithASecret() {
        JavaClasses fixture = new ClassFileImporter().importClasses(StoreRunningTheSecurityTool.class);

        assertEquals(List.of(StoreRunningTheSecurityTool.class.getName()), offenders(fixture));
        assertTrue(namesTheSecurityTool("/usr/bin/security") && namesTheSecurityTool("security add-generic-password -w x"));
    }
}
