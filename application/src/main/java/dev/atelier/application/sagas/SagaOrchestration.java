package dev.atelier.application.sagas;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.shared.StaleVersionException;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.SagaPolicy;
import dev.atelier.domain.sagas.SagaStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Applies inputs to sagas and stores each decision with its messages in one transaction, guarded by the
 * saga's version: a reply and a deadline racing for the same saga cannot both win; the loser's transaction
 * fails and its input is tried again against the new state.
 */
public final class SagaOrchestration {

    private final UnitOfWork unitOfWork;
    private final Sagas sagas;
    private final EventOutbox outbox;
    private final SagaPolicy policy;
    private final Clock clock;
    private final FinishListener finished;

    /** Told of each saga that reached a final status, once the transaction that stored it has committed. */
    @FunctionalInterface
    public interface FinishListener {
        void finished(SagaId saga, SagaStatus status, Instant startedAt, Instant finishedAt);

        FinishListener NONE = (saga, status, startedAt, finishedAt) -> { };
    }

    public SagaOrchestration(UnitOfWork unitOfWork, Sagas sagas, EventOutbox outbox, SagaPolicy policy, Clock clock) {
        this(unitOfWork, sagas, outbox, policy, clock, FinishListener.NONE);
    }

    public SagaOrchestration(UnitOfWork unitOfWork, Sagas sagas, EventOutbox outbox, SagaPolicy policy, Clock clock,
                             FinishListener finished) {
        this.unitOfWork = unitOfWork;
        this.sagas = sagas;
        this.outbox = outbox;
        this.policy = policy;
        this.clock = clock;
        this.finished = finished;
    }

    public SagaPolicy policy() {
        return policy;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Records a new saga's first decision, unless its order already has a saga: then nothing is stored or sent.
     * Returns whether it was recorded.
     */
    public boolean started(FulfilmentSaga.Decision decision) {
        return unitOfWork.inTransaction(() -> {
            if (!sagas.addUnlessOrderHasOne(decision.saga())) {
                return false;
            }
            decision.messages().forEach(outbox::append);
            tellIfFinished(decision.saga(), SagaStatus.RUNNING);
            return true;
        });
    }

    /** Loads a saga, applies an input, stores the outcome if anything changed. */
    public void apply(SagaId id, BiFunction<FulfilmentSaga, Instant, FulfilmentSaga.Decision> input) {
        unitOfWork.inTransaction(() -> sagas.byId(id).ifPresent(saga -> {
            long loaded = saga.version();
            SagaStatus loadedStatus = saga.status();
            store(loaded, loadedStatus, input.apply(saga, clock.instant()));
        }));
    }

    /** Fires the deadlines that have passed, at most {@code limit} sagas; returns how many were due. */
    public int fireDeadlines(int limit) {
        return unitOfWork.inTransaction(() -> {
            Instant now = clock.instant();
            List<FulfilmentSaga> overdue = sagas.lockOverdue(now, limit);
            for (FulfilmentSaga saga : overdue) {
                long loaded = saga.version();
                SagaStatus loadedStatus = saga.status();
                store(loaded, loadedStatus, saga.onDeadline(policy, now));
            }
            return overdue.size();
        });
    }

    /** The saga object changes in place, so the version and status it was loaded with are passed in. */
    private void store(long loadedVersion, SagaStatus loadedStatus, FulfilmentSaga.Decision decision) {
        if (!decision.changed(loadedVersion)) {
            return;
        }
        FulfilmentSaga saga = decision.saga();
        if (!sagas.replace(saga, loadedVersion)) {
            throw new StaleVersionException("saga", saga.id(), loadedVersion);
        }
        decision.messages().forEach(outbox::append);
        tellIfFinished(saga, loadedStatus);
    }

    private void tellIfFinished(FulfilmentSaga saga, SagaStatus before) {
        if (saga.status().isFinal() && !before.isFinal()) {
            SagaId id = saga.id();
            SagaStatus status = saga.status();
            Instant startedAt = saga.createdAt();
            Instant finishedAt = saga.updatedAt();
            unitOfWork.afterCommit(() -> finished.finished(id, status, startedAt, finishedAt));
        }
    }
}
