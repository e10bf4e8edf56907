package dev.atelier.application.sagas;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.SagaItem;
import dev.atelier.domain.shared.Money;
import java.util.List;
import java.util.Set;

/**
 * Starts a saga for every new order and passes a customer's cancellation on to it, from the orders stream.
 * One saga per order: a repeated {@code order.created} finds the saga already there and starts nothing.
 */
public final class SagaStarter implements EventHandler {

    private final SagaOrchestration orchestration;
    private final Sagas sagas;
    private final MessageDecoder decoder;

    public SagaStarter(SagaOrchestration orchestration, Sagas sagas, MessageDecoder decoder) {
        this.orchestration = orchestration;
        this.sagas = sagas;
        this.decoder = decoder;
    }

    /** The fields of an order event the sagas context cares about. */
    public record OrderPlaced(String orderId, String customerId, List<Item> items, Money total, String reason) {
        public record Item(String sku, int quantity) {
        }
    }

    @Override
    public String name() {
        return "sagas-orders";
    }

    @Override
    public boolean accepts(String eventType) {
        return eventType.equals("order.created") || eventType.equals("order.cancel_requested");
    }

    @Override
    public Set<String> streams() {
        return Set.of("orders");
    }

    @Override
    public void handle(InboundEvent event) {
        switch (event.type()) {
            case "order.created" -> start(decoder.decode(event, OrderPlaced.class));
            case "order.cancel_requested" -> {
                OrderPlaced order = decoder.decode(event, OrderPlaced.class);
                sagas.byOrderId(order.orderId()).ifPresent(saga -> orchestration.apply(saga.id(),
                        (found, now) -> found.requestCancel(order.reason(), now)));
            }
            default -> {
                // the order's own progress is the saga's doing; nothing to react to
            }
        }
    }

    /** A repeated {@code order.created} (another event id for the same order) finds the order's saga there. */
    private void start(OrderPlaced order) {
        List<SagaItem> items = order.items().stream().map(i -> new SagaItem(i.sku(), i.quantity())).toList();
        orchestration.started(FulfilmentSaga.start(SagaId.newId(), order.orderId(), order.customerId(), items,
                order.total(), orchestration.policy(), orchestration.now()));
    }
}
