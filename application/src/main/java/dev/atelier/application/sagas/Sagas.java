package dev.atelier.application.sagas;

import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where sagas are kept; a restart resumes each from here. */
public interface Sagas {

    Optional<FulfilmentSaga> byId(SagaId id);

    Optional<FulfilmentSaga> byOrderId(String orderId);

    /**
     * Stores a new saga unless its order already has one (one saga per order); returns whether it stored it. One
     * statement decides it, so two deliveries of an order racing each other cannot both start a saga.
     */
    boolean addUnlessOrderHasOne(FulfilmentSaga saga);

    /** Stores the saga if the stored one is still at {@code expectedVersion}; false otherwise. */
    boolean replace(FulfilmentSaga saga, long expectedVersion);

    /**
     * Running sagas whose deadline has passed, locked for the caller's transaction; sagas another instance
     * has locked are skipped, so several instances share the work without doing any of it twice.
     */
    List<FulfilmentSaga> lockOverdue(Instant now, int limit);
}
