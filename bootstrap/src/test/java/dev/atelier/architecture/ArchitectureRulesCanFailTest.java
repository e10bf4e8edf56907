package dev.atelier.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.atelier.architecture.fixtures.adapters.http.ControllerThatPublishesToKafka;
import dev.atelier.architecture.fixtures.adapters.kafka.FixturePublisher;
import dev.atelier.architecture.fixtures.adapters.postgres.FixtureRepository;
import dev.atelier.architecture.fixtures.application.cycle.a.CycleStart;
import dev.atelier.architecture.fixtures.application.cycle.b.CycleEnd;
import dev.atelier.architecture.fixtures.application.designs.UseCaseThatKnowsAnAdapter;
import dev.atelier.architecture.fixtures.application.designs.UseCaseWithItsOwnRetries;
import dev.atelier.architecture.fixtures.application.designs.UseCaseWithJdbc;
import dev.atelier.architecture.fixtures.domain.designs.AggregateWithAnnotations;
import dev.atelier.architecture.fixtures.domain.designs.CleanAggregate;
import dev.atelier.architecture.fixtures.domain.designs.DomainThatUsesTheApplication;
import dev.atelier.architecture.fixtures.domain.orders.OrderThatReadsADesign;
import org.junit.jupiter.api.Test;

/**
 * Each rule run over a class that breaks it must fail, naming that class; run over a clean class it must
 * pass. A rule that cannot fail checks nothing.
 */
class ArchitectureRulesCanFailTest {

    private static final AtelierArchitecture FIXTURE = AtelierArchitecture.rootedAt("dev.atelier.architecture.fixtures");

    private static JavaClasses only(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    private static void assertCatches(ArchRule rule, Class<?> violator, Class<?>... others) {
        Class<?>[] all = new Class<?>[others.length + 1];
        all[0] = violator;
        System.arraycopy(others, 0, all, 1, others.length);
        assertThatThrownBy(() -> rule.check(only(all)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(violator.getSimpleName());
        assertThatCode(() -> rule.check(only(CleanAggregate.class))).doesNotThrowAnyException();
    }

    @Test
    void a_framework_annotation_in_the_domain_is_caught() {
        assertCatches(FIXTURE.domainAndApplicationUseNoFramework(), AggregateWithAnnotations.class);
    }

    @Test
    void jdbc_in_a_use_case_is_caught() {
        assertCatches(FIXTURE.domainAndApplicationUseNoFramework(), UseCaseWithJdbc.class);
    }

    @Test
    void retries_outside_messaging_are_caught() {
        assertCatches(FIXTURE.onlyMessagingUsesTheRetryLibrary(), UseCaseWithItsOwnRetries.class);
    }

    @Test
    void a_non_jdk_dependency_of_the_domain_is_caught() {
        assertCatches(FIXTURE.domainDependsOnNothingButTheJdk(), AggregateWithAnnotations.class);
    }

    @Test
    void a_use_case_that_knows_an_adapter_is_caught() {
        assertCatches(FIXTURE.coreDoesNotKnowTheAdapters(), UseCaseThatKnowsAnAdapter.class, FixtureRepository.class);
    }

    @Test
    void a_domain_class_that_uses_the_application_is_caught() {
        assertCatches(FIXTURE.applicationDoesNotReachOutwardsFromDomain(), DomainThatUsesTheApplication.class,
                UseCaseWithJdbc.class);
    }

    @Test
    void an_adapter_that_calls_another_adapter_is_caught() {
        assertCatches(FIXTURE.adaptersDoNotImportEachOther(), ControllerThatPublishesToKafka.class,
                FixturePublisher.class);
    }

    @Test
    void a_context_that_reads_another_contexts_classes_is_caught() {
        assertCatches(FIXTURE.boundedContextsDoNotImportEachOther(), OrderThatReadsADesign.class, CleanAggregate.class);
    }

    @Test
    void a_package_cycle_is_caught() {
        assertCatches(FIXTURE.noPackageCycles(), CycleStart.class, CycleEnd.class);
    }
}
