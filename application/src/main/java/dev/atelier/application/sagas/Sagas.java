package dev.atelier.application.sagas;

import dev.atelier.application.shared.Replacement;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where sagas are kept; a restart resumes each from here. */
public interface Sagas {

    Optional<FulfilmentSaga> byId(SagaId id);

    /** The sagas of these ids that exist, in no particular order, read with one statement. */
    List<FulfilmentSaga> byIds(Collection<SagaId> ids);

    Optional<FulfilmentSaga> byOrderId(String orderId);

    /**
     * Stores each new saga unless its order already has one (one saga per order), also one earlier in the list;
     * returns the ids of those it stored. One statement decides it, so two deliveries of an order racing each other
     * cannot both start a saga.
     */
    Set<SagaId> addEachUnlessOrderHasOne(List<FulfilmentSaga> sagas);

    /**
     * Stores each saga whose stored one is still at its expected version, with one statement, and returns the ids
     * of those it stored. The caller rolls its transaction back if that is not all of them.
     */
    Set<SagaId> replaceAll(List<Replacement<FulfilmentSaga>> replacements);

    /**
     * Running sagas whose deadline has passed, locked for the caller's transaction; sagas another instance
     * has locked are skipped, so several instances share the work without doing any of it twice.
     */
    List<FulfilmentSaga> lockOverdue(Instant now, int limit);
}
