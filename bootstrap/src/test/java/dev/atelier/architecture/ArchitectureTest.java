package dev.atelier.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real code obeys every rule. {@link ArchitectureRulesCanFailTest} shows each rule catching a violation. */
class ArchitectureTest {

    private static final AtelierArchitecture ATELIER = AtelierArchitecture.rootedAt("dev.atelier");
    private static JavaClasses production;

    @BeforeAll
    static void importProductionCode() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Other modules' test helpers arrive as test-jars when a module is built on its own.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.atelier");
    }

    @Test
    void the_import_sees_every_module() {
        org.assertj.core.api.Assertions.assertThat(production.stream().map(c -> c.getPackageName()).distinct())
                .anyMatch(p -> p.startsWith("dev.atelier.domain"))
                .anyMatch(p -> p.startsWith("dev.atelier.application"))
                .anyMatch(p -> p.startsWith("dev.atelier.adapters.http"))
                .anyMatch(p -> p.startsWith("dev.atelier.adapters.kafka"))
                .anyMatch(p -> p.startsWith("dev.atelier.adapters.postgres"))
                .anyMatch(p -> p.startsWith("dev.atelier.bootstrap"));
    }

    @Test
    void domain_and_application_use_no_framework() {
        ATELIER.domainAndApplicationUseNoFramework().check(production);
    }

    @Test
    void only_messaging_uses_the_retry_library() {
        ATELIER.onlyMessagingUsesTheRetryLibrary().check(production);
    }

    @Test
    void domain_depends_on_nothing_but_the_jdk() {
        ATELIER.domainDependsOnNothingButTheJdk().check(production);
    }

    @Test
    void the_core_does_not_know_the_adapters() {
        ATELIER.coreDoesNotKnowTheAdapters().check(production);
    }

    @Test
    void the_domain_does_not_know_the_application() {
        ATELIER.applicationDoesNotReachOutwardsFromDomain().check(production);
    }

    @Test
    void adapters_do_not_import_each_other() {
        ATELIER.adaptersDoNotImportEachOther().check(production);
    }

    @Test
    void adapters_do_not_depend_on_bootstrap() {
        ATELIER.adaptersDoNotDependOnBootstrap().check(production);
    }

    @Test
    void bounded_contexts_do_not_import_each_other() {
        ATELIER.boundedContextsDoNotImportEachOther().check(production);
    }

    @Test
    void there_are_no_package_cycles() {
        ATELIER.noPackageCycles().check(production);
    }
}
