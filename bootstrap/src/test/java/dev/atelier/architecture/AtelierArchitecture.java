package dev.atelier.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Set;

/**
 * The rules of ARCHITECTURE.md, stated once and rooted at a package so that the same rule can be run over
 * the real code ({@code dev.atelier}) and over a fixture of deliberately violating classes, which proves
 * the rule can fail.
 */
final class AtelierArchitecture {

    /** Packages the core must not reach: frameworks, brokers, JDBC, JSON libraries, logging back-ends. */
    private static final String[] FRAMEWORKS = {
            "io.micronaut..", "jakarta..", "javax.inject..", "javax.sql..", "java.sql..", "org.apache.kafka..",
            "com.fasterxml..", "org.slf4j..", "org.postgresql..", "org.flywaydb.."};

    /** The one library the core may use, and only where it is needed: retries in the messaging use cases. */
    private static final String RETRY_LIBRARY = "io.github.resilience4j..";

    /** Bounded contexts; {@code shared} and {@code messaging} are the kernel every context may use. */
    static final Set<String> CONTEXTS = Set.of("designs", "orders", "sagas", "notifications", "sandbox");

    private final String root;

    private AtelierArchitecture(String root) {
        this.root = root;
    }

    static AtelierArchitecture rootedAt(String root) {
        return new AtelierArchitecture(root);
    }

    ArchRule domainAndApplicationUseNoFramework() {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the core is plain Java; bootstrap wires it and adapters translate for it")
                .allowEmptyShould(true);
    }

    ArchRule onlyMessagingUsesTheRetryLibrary() {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .and().resideOutsideOfPackage(root + ".application.messaging..")
                .should().dependOnClassesThat().resideInAPackage(RETRY_LIBRARY)
                .because("resilience4j-retry is a plain library for the messaging use cases, not a licence for "
                        + "retries scattered through the core")
                .allowEmptyShould(true);
    }

    ArchRule domainDependsOnNothingButTheJdk() {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java..")
                .because("the domain is the rules of the business and nothing else")
                .allowEmptyShould(true);
    }

    ArchRule coreDoesNotKnowTheAdapters() {
        return noClasses().that().resideInAnyPackage(root + ".domain..", root + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".adapters..", root + ".bootstrap..")
                .because("dependencies point inwards: adapters implement the application's ports")
                .allowEmptyShould(true);
    }

    ArchRule applicationDoesNotReachOutwardsFromDomain() {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAPackage(root + ".application..")
                .because("the domain does not know the use cases that drive it")
                .allowEmptyShould(true);
    }

    ArchRule adaptersDoNotImportEachOther() {
        return slices().matching(root + ".adapters.(*)..").should().notDependOnEachOther()
                .because("adapters meet only through the application's ports")
                .allowEmptyShould(true);
    }

    ArchRule adaptersDoNotDependOnBootstrap() {
        return noClasses().that().resideInAPackage(root + ".adapters..")
                .should().dependOnClassesThat().resideInAPackage(root + ".bootstrap..")
                .because("bootstrap assembles the adapters, not the other way round")
                .allowEmptyShould(true);
    }

    ArchRule boundedContextsDoNotImportEachOther() {
        return slices().assignedFrom(new ContextSlices(root)).should().notDependOnEachOther()
                .because("contexts collaborate through events, never through each other's classes")
                .allowEmptyShould(true);
    }

    ArchRule noPackageCycles() {
        return slices().matching(root + ".(**)").should().beFreeOfCycles()
                .allowEmptyShould(true);
    }

    /** Puts every class of the core into the slice of its bounded context, whichever layer it is in. */
    private static final class ContextSlices implements SliceAssignment {

        private final String root;

        ContextSlices(String root) {
            this.root = root;
        }

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            for (String layer : new String[] {".domain.", ".application."}) {
                String prefix = root + layer;
                if (javaClass.getPackageName().startsWith(prefix)) {
                    String context = javaClass.getPackageName().substring(prefix.length()).split("\\.")[0];
                    if (CONTEXTS.contains(context)) {
                        return SliceIdentifier.of(context);
                    }
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "bounded contexts " + CONTEXTS;
        }
    }
}
