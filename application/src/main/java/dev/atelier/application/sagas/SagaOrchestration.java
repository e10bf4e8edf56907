package dev.atelier.application.sagas;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.shared.ReadSet;
import dev.atelier.application.shared.StaleVersionException;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.SagaPolicy;
import dev.atelier.domain.sagas.SagaStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

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
        return !startedTogether(List.of(new Start(decision, Runnable::run))).isEmpty();
    }

    /**
     * A new saga's first decision, and how to bind what asked for it as the cause of its messages (a consumer
     * passes its event's {@link dev.atelier.application.messaging.InboundEvent#asCause}).
     */
    public record Start(FulfilmentSaga.Decision decision, Consumer<Runnable> asCause) {
    }

    /**
     * Records new sagas' first decisions with one statement, each unless its order already has a saga (also one
     * earlier in the list), and appends the messages of those recorded; returns their ids.
     */
    public Set<SagaId> startedTogether(List<Start> starts) {
        return unitOfWork.inTransaction(() -> {
            Set<SagaId> stored = sagas.addEachUnlessOrderHasOne(
                    starts.stream().map(start -> start.decision().saga()).toList());
            for (Start start : starts) {
                FulfilmentSaga.Decision decision = start.decision();
                if (stored.contains(decision.saga().id())) {
                    start.asCause().accept(() -> {
                        decision.messages().forEach(outbox::append);
                        tellIfFinished(decision.saga(), SagaStatus.RUNNING);
                    });
                }
            }
            return stored;
        });
    }

    /** Loads a saga, applies an input, stores the outcome if anything changed. */
    public void apply(SagaId id, BiFunction<FulfilmentSaga, Instant, FulfilmentSaga.Decision> input) {
        applyTogether(List.of(id), loaded -> loaded.apply(id, input));
    }

    /**
     * Loads the sagas named with one statement, lets {@code inputs} apply to them whatever it has for them, and
     * stores those that changed with one statement, all in one transaction. If another transaction changed one of
     * them meanwhile, nothing is stored and a {@link StaleVersionException} says so.
     */
    public void applyTogether(Collection<SagaId> ids, Consumer<Loaded> inputs) {
        unitOfWork.inTransaction(() -> {
            Loaded loaded = new Loaded(sagas.byIds(ids));
            inputs.accept(loaded);
            loaded.store();
        });
    }

    /** Fires the deadlines that have passed, at most {@code limit} sagas; returns how many were due. */
    public int fireDeadlines(int limit) {
        return unitOfWork.inTransaction(() -> {
            Instant now = clock.instant();
            List<FulfilmentSaga> overdue = sagas.lockOverdue(now, limit);
            Loaded loaded = new Loaded(overdue);
            overdue.forEach(saga -> loaded.apply(saga.id(), (due, ignored) -> due.onDeadline(policy, now)));
            loaded.store();
            return overdue.size();
        });
    }

    /**
     * Sagas read together for one transaction. Each input applies to the saga as the inputs before it left it, as
     * if each had its own transaction; its messages go to the outbox at once, in the same transaction. The sagas
     * are written back once, each over the version it was read at.
     */
    public final class Loaded {

        private final ReadSet<SagaId, FulfilmentSaga> read;

        private Loaded(List<FulfilmentSaga> sagas) {
            this.read = new ReadSet<>("saga", sagas, FulfilmentSaga::id, FulfilmentSaga::version);
        }

        /** Applies an input to a saga read here; one that is not (the store has no such saga) is left alone. */
        public void apply(SagaId id, BiFunction<FulfilmentSaga, Instant, FulfilmentSaga.Decision> input) {
            FulfilmentSaga saga = read.current(id);
            if (saga == null) {
                return;
            }
            // The saga object changes in place, so its version and status are taken before the input applies.
            long versionBefore = saga.version();
            SagaStatus statusBefore = saga.status();
            FulfilmentSaga.Decision decision = input.apply(saga, clock.instant());
            if (!decision.changed(versionBefore)) {
                return;
            }
            read.changed(decision.saga());
            decision.messages().forEach(outbox::append);
            tellIfFinished(decision.saga(), statusBefore);
        }

        private void store() {
            read.writeBack(sagas::replaceAll);
        }
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
