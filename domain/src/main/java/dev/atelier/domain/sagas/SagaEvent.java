package dev.atelier.domain.sagas;

import dev.atelier.domain.shared.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** What happened to a saga, on the {@code sagas} stream; {@code step} and {@code reason} where they apply. */
public record SagaEvent(
        UUID eventId,
        String type,
        SagaId sagaId,
        String orderId,
        String customerId,
        SagaStatus status,
        SagaStep step,
        String reason,
        Instant occurredAt) implements DomainEvent {

    public static final String STREAM = "sagas";
    public static final String STARTED = "saga.started";
    public static final String STEP_SUCCEEDED = "saga.step_succeeded";
    public static final String STEP_FAILED = "saga.step_failed";
    public static final String COMPENSATING = "saga.compensating";
    public static final String COMPLETED = "saga.completed";
    public static final String CANCELED = "saga.canceled";
    public static final String REFUNDED = "saga.refunded";
    public static final String FAILED = "saga.failed";

    @Override
    public String stream() {
        return STREAM;
    }

    @Override
    public SagaId aggregateId() {
        return sagaId;
    }
}
