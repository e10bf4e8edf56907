package dev.atelier.application.sagas;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.domain.sagas.FulfilmentSaga;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.SagaItem;
import dev.atelier.domain.shared.Money;
import java.time.Instant;
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

    /**
     * A run of new orders starts their sagas with one statement. A run that also asks to cancel goes one event at a
     * time, so that a cancel finds a saga the same run started; customers' cancels are few.
     */
    @Override
    public void handleAll(List<InboundEvent> run) {
        if (!run.stream().allMatch(event -> event.type().equals("order.created"))) {
            EventHandler.super.handleAll(run);
            return;
        }
        orchestration.startedTogether(run.stream().map(event -> new SagaOrchestration.Start(
                firstDecision(decoder.decode(event, OrderPlaced.class)), event::asCause)).toList());
    }

    /** A repeated {@code order.created} (another event id for the same order) finds the order's saga there. */
    private void start(OrderPlaced order) {
        orchestration.started(firstDecision(order));
    }

    private FulfilmentSaga.Decision firstDecision(OrderPlaced order) {
        List<SagaItem> items = order.items().stream().map(i -> new SagaItem(i.sku(), i.quantity())).toList();
        Instant now = orchestration.now();
        return FulfilmentSaga.start(SagaId.madeAt(now), order.orderId(), order.customerId(), items, order.total(),
                orchestration.policy(), now);
    }
}
