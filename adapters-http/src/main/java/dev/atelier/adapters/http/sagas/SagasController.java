package dev.atelier.adapters.http.sagas;

import dev.atelier.adapters.http.problem.ProblemResponses;
import dev.atelier.application.sagas.FindSagasUseCase;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.StepRecord;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A saga's timeline: every attempt at every step, with times and outcomes. */
@Controller("/api")
@ProblemResponses
@ExecuteOn(TaskExecutors.BLOCKING)
class SagasController {

    private final FindSagasUseCase sagas;

    SagasController(FindSagasUseCase sagas) {
        this.sagas = sagas;
    }

    @Get("/sagas/{id}")
    SagaDocument get(@PathVariable String id) {
        return SagaDocument.of(sagas.get(SagaId.parse(id)));
    }

    @Get("/orders/{id}/saga")
    SagaDocument ofOrder(@PathVariable String id) {
        return SagaDocument.of(sagas.ofOrder(OrderId.parse(id).asString()));
    }

    record StepDocument(String step, String participant, boolean compensation, int attempt, String outcome,
                        Instant startedAt, Instant finishedAt, String detail) {

        static StepDocument of(StepRecord record) {
            return new StepDocument(record.step().wireName(), record.step().participant(),
                    record.step().isCompensation(), record.attempt(), record.outcome(), record.startedAt(),
                    record.finishedAt(), record.detail());
        }
    }

    record SagaDocument(UUID id, UUID orderId, String customerId, String status, String currentStep, Integer attempt,
                        Instant deadline, String reason, boolean cancelRequested, BigDecimal amount, String currency,
                        List<StepDocument> steps, Instant createdAt, Instant updatedAt) {

        static SagaDocument of(FulfilmentSaga saga) {
            return new SagaDocument(saga.id().value(), UUID.fromString(saga.orderId()), saga.customerId(),
                    saga.status().wireName(), saga.current() == null ? null : saga.current().wireName(),
                    saga.current() == null ? null : saga.attempt(), saga.deadline(), saga.reason(),
                    saga.cancelRequested(), saga.amount().amount(), saga.amount().currency(),
                    saga.timeline().stream().map(StepDocument::of).toList(), saga.createdAt(), saga.updatedAt());
        }
    }
}
