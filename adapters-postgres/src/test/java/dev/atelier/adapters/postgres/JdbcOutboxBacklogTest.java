package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.OutboxBacklog.WaitingEvent;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.designs.Design;
import dev.atelier.domain.designs.DesignContent;
import dev.atelier.domain.designs.DesignId;
import dev.atelier.domain.designs.DesignStatus;
import dev.atelier.domain.designs.OwnerId;
import dev.atelier.domain.shared.DomainEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcOutboxBacklogTest implements PostgresTestDatabase {

    @Inject
    JdbcOutbox outbox;

    @Inject
    JdbcOutboxBacklog backlog;

    @Inject
    UnitOfWork unitOfWork;

    @BeforeEach
    void drain() {
        unitOfWork.inTransaction(() -> outbox.published(outbox.oldest(100_000).stream().map(OutboundEvent::position).toList()));
    }

    private static DomainEvent approval() {
        Design design = Design.restore(DesignId.newId(), new DesignContent("Poster", null), new OwnerId("user_7"),
                DesignStatus.PENDING, 2, Instant.EPOCH, Instant.EPOCH);
        return design.changeStatus(DesignStatus.APPROVED, "looks good", Instant.parse("2026-03-01T12:00:00Z")).event();
    }

    private List<WaitingEvent> appended(int count) {
        unitOfWork.inTransaction(() -> {
            for (int i = 0; i < count; i++) {
                outbox.append(approval());
            }
        });
        return unitOfWork.inTransaction(() -> backlog.oldest(100));
    }

    @Test
    void failed_attempts_and_the_last_error_stay_on_the_waiting_event() {
        List<WaitingEvent> waiting = appended(2);
        long first = waiting.get(0).event().position();

        unitOfWork.inTransaction(() -> outbox.failed(Map.of(first, "too large")));
        unitOfWork.inTransaction(() -> outbox.failed(Map.of(first, "x".repeat(5000))));

        List<WaitingEvent> after = unitOfWork.inTransaction(() -> backlog.oldest(100));
        assertThat(after.get(0).failedAttempts()).isEqualTo(2);
        assertThat(after.get(0).lastError()).as("cut, not unbounded").isEqualTo("x".repeat(JdbcOutbox.ERROR_LENGTH));
        assertThat(after.get(1).failedAttempts()).isZero();
        assertThat(after.get(1).lastError()).isNull();
        assertThat(after.get(0).createdAt()).isNotNull();
    }

    @Test
    void a_taken_event_is_returned_whole_and_no_longer_waits() {
        List<WaitingEvent> waiting = appended(2);
        WaitingEvent first = waiting.get(0);

        WaitingEvent taken = unitOfWork.inTransaction(() -> backlog.take(first.event().position())).orElseThrow();

        assertThat(taken.event().eventId()).isEqualTo(first.event().eventId());
        assertThat(taken.event().payload()).isEqualTo(first.event().payload());
        assertThat(unitOfWork.inTransaction(() -> backlog.oldest(100))).extracting(w -> w.event().eventId())
                .containsExactly(waiting.get(1).event().eventId());
        assertThat(unitOfWork.inTransaction(() -> backlog.take(first.event().position()))).isEmpty();
    }

    @Test
    void a_requeued_event_waits_again_behind_everything_with_its_id_payload_and_flow() {
        List<WaitingEvent> waiting = appended(2);
        OutboundEvent first = waiting.get(0).event();
        unitOfWork.inTransaction(() -> backlog.take(first.position()));

        unitOfWork.inTransaction(() -> backlog.requeue(first));

        List<WaitingEvent> after = unitOfWork.inTransaction(() -> backlog.oldest(100));
        assertThat(after).extracting(w -> w.event().eventId())
                .containsExactly(waiting.get(1).event().eventId(), first.eventId());
        OutboundEvent requeued = after.get(1).event();
        assertThat(requeued.position()).isGreaterThan(waiting.get(1).event().position());
        assertThat(requeued.payload()).isEqualTo(first.payload());
        assertThat(requeued.type()).isEqualTo(first.type());
        assertThat(requeued.key()).isEqualTo(first.key());
        assertThat(requeued.occurredAt()).isEqualTo(first.occurredAt());
        assertThat(requeued.context().correlationId()).isEqualTo(first.context().correlationId());
        assertThat(requeued.context().traceparent()).as("the same trace").startsWith(first.context().traceparent().substring(0, 35));
        assertThat(after.get(1).failedAttempts()).isZero();
    }
}
