package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.shared.Replacement;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.SagaItem;
import dev.atelier.domain.sagas.SagaPolicy;
import dev.atelier.domain.sagas.SagaStatus;
import dev.atelier.domain.sagas.StepReply;
import dev.atelier.domain.shared.Money;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcSagasTest implements PostgresTestDatabase {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final SagaPolicy POLICY = new SagaPolicy(Duration.ofSeconds(10), 3, Duration.ofSeconds(1));

    @Inject
    JdbcSagas sagas;

    @Inject
    UnitOfWork unitOfWork;

    private static FulfilmentSaga sagaFor(String orderId) {
        return FulfilmentSaga.start(SagaId.madeAt(Instant.now()), orderId, "customer-1", List.of(new SagaItem("MUG-1", 1)),
                new Money(new BigDecimal("9.50"), "EUR"), POLICY, NOW).saga();
    }

    @Test
    void an_order_gets_one_saga_and_a_second_one_for_it_is_not_stored() {
        String order = UUID.randomUUID().toString();
        FulfilmentSaga first = sagaFor(order);
        FulfilmentSaga second = sagaFor(order);

        assertThat(add(first)).containsExactly(first.id());
        assertThat(add(second)).isEmpty();

        assertThat(sagas.byOrderId(order)).get().extracting(FulfilmentSaga::id).isEqualTo(first.id());
        assertThat(sagas.byId(second.id())).isEmpty();
    }

    @Test
    void a_batch_adds_each_saga_whose_order_has_none_and_says_which() {
        String order = UUID.randomUUID().toString();
        FulfilmentSaga before = sagaFor(order);
        add(before);
        String fresh = UUID.randomUUID().toString();
        FulfilmentSaga first = sagaFor(fresh);
        FulfilmentSaga sameOrderInTheBatch = sagaFor(fresh);
        FulfilmentSaga other = sagaFor(UUID.randomUUID().toString());

        Set<SagaId> added = add(sagaFor(order), first, sameOrderInTheBatch, other);

        assertThat(added).containsExactlyInAnyOrder(first.id(), other.id());
        assertThat(sagas.byOrderId(fresh)).get().extracting(FulfilmentSaga::id).as("the batch's first for the order")
                .isEqualTo(first.id());
        assertThat(sagas.byId(other.id())).get().usingRecursiveComparison().isEqualTo(other);
    }

    private Set<SagaId> add(FulfilmentSaga... added) {
        return unitOfWork.inTransaction(() -> sagas.addEachUnlessOrderHasOne(List.of(added)));
    }

    @Test
    void several_sagas_are_read_at_once_and_an_id_with_no_saga_is_left_out() {
        FulfilmentSaga first = sagaFor(UUID.randomUUID().toString());
        FulfilmentSaga second = sagaFor(UUID.randomUUID().toString());
        add(first, second);

        List<FulfilmentSaga> read = sagas.byIds(Set.of(first.id(), second.id(), SagaId.madeAt(Instant.now())));

        assertThat(read).extracting(FulfilmentSaga::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(sagas.byIds(Set.of())).isEmpty();
    }

    @Test
    void a_batch_stores_each_saga_still_at_the_version_it_was_read_at_and_says_which() {
        FulfilmentSaga current = sagaFor(UUID.randomUUID().toString());
        FulfilmentSaga overtaken = sagaFor(UUID.randomUUID().toString());
        add(current, overtaken);
        long read = current.version();
        FulfilmentSaga movedOnElsewhere = sagas.byId(overtaken.id()).orElseThrow();
        movedOnElsewhere.onDeadline(POLICY, NOW.plus(Duration.ofMinutes(1)));
        unitOfWork.inTransaction(() -> sagas.replaceAll(List.of(new Replacement<>(movedOnElsewhere, read))));

        FulfilmentSaga finished = sagaFor(UUID.randomUUID().toString());
        add(finished);

        current.onDeadline(POLICY, NOW.plus(Duration.ofMinutes(1)));
        overtaken.onDeadline(POLICY, NOW.plus(Duration.ofMinutes(1)));
        overtaken.onDeadline(POLICY, NOW.plus(Duration.ofMinutes(2)));
        for (int step = 0; step < 3; step++) {
            finished.onReply(StepReply.succeeded(finished.commandId()), POLICY, NOW.plusSeconds(1));
        }
        Set<SagaId> stored = unitOfWork.inTransaction(() -> sagas.replaceAll(List.of(
                new Replacement<>(current, read), new Replacement<>(overtaken, read), new Replacement<>(finished, read))));

        assertThat(stored).containsExactlyInAnyOrder(current.id(), finished.id());
        assertThat(finished.status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(sagas.byId(finished.id()).orElseThrow().status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(overdueAt(current.deadline())).as("the deadline column, to the microsecond")
                .contains(current.id()).doesNotContain(finished.id());
        assertThat(overdueAt(current.deadline().minusNanos(1_000))).doesNotContain(current.id());
        FulfilmentSaga reread = sagas.byId(current.id()).orElseThrow();
        assertThat(reread.version()).isEqualTo(current.version()).isGreaterThan(read);
        assertThat(reread.attempt()).isEqualTo(current.attempt());
        assertThat(reread.deadline()).isEqualTo(current.deadline());
        assertThat(sagas.byId(overtaken.id()).orElseThrow().version()).as("left as the other writer left it")
                .isEqualTo(movedOnElsewhere.version());
    }

    private List<SagaId> overdueAt(Instant at) {
        return unitOfWork.inTransaction(() -> sagas.lockOverdue(at, 10_000)).stream().map(FulfilmentSaga::id).toList();
    }
}
