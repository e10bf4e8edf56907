package dev.atelier.bootstrap.wiring;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.application.sagas.FindSagasUseCase;
import dev.atelier.application.sagas.ParticipantReplies;
import dev.atelier.application.sagas.SagaOrchestration;
import dev.atelier.application.sagas.SagaStarter;
import dev.atelier.application.sagas.Sagas;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.sagas.SagaPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sagas context: orchestration, its two consumers, and queries. */
@Factory
class SagasFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SagasFactory.class);

    @Singleton
    SagaOrchestration sagaOrchestration(UnitOfWork unitOfWork, Sagas sagas, EventOutbox outbox, Clock clock,
                                        @Value("${atelier.sagas.step-timeout:10s}") Duration stepTimeout,
                                        @Value("${atelier.sagas.max-attempts:3}") int maxAttempts,
                                        @Value("${atelier.sagas.compensation-backoff:1s}") Duration compensationBackoff,
                                        List<SagaOrchestration.FinishListener> listeners) {
        return new SagaOrchestration(unitOfWork, sagas, outbox,
                new SagaPolicy(stepTimeout, maxAttempts, compensationBackoff), clock,
                (saga, status, startedAt, finishedAt) -> listeners.forEach(listener -> {
                    try {
                        listener.finished(saga, status, startedAt, finishedAt);
                    } catch (RuntimeException e) {
                        LOG.warn("A listener of finished sagas failed for saga {}: {}", saga, e.toString(), e);
                    }
                }));
    }

    @Singleton
    SagaStarter sagaStarter(SagaOrchestration orchestration, Sagas sagas, MessageDecoder decoder) {
        return new SagaStarter(orchestration, sagas, decoder);
    }

    @Singleton
    ParticipantReplies participantReplies(SagaOrchestration orchestration, MessageDecoder decoder) {
        return new ParticipantReplies(orchestration, decoder);
    }

    @Singleton
    FindSagasUseCase findSagas(Sagas sagas) {
        return new FindSagasUseCase(sagas);
    }
}
