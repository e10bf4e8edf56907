package dev.atelier.application.sagas;

import dev.atelier.application.shared.NotFoundException;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;

public final class FindSagasUseCase {

    private final Sagas sagas;

    public FindSagasUseCase(Sagas sagas) {
        this.sagas = sagas;
    }

    public FulfilmentSaga get(SagaId id) {
        return sagas.byId(id).orElseThrow(() -> new NotFoundException("saga", id));
    }

    public FulfilmentSaga ofOrder(String orderId) {
        return sagas.byOrderId(orderId).orElseThrow(() -> new NotFoundException("saga of order", orderId));
    }
}
