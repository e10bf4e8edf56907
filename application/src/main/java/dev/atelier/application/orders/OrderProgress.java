package dev.atelier.application.orders;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderStatus;
import dev.atelier.domain.shared.Texts;
import java.time.Instant;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Moves orders along as their saga reports progress: inventory reserved → confirmed, payment charged → paid,
 * saga completed → assembled, saga canceled → canceled, saga refunded → refunded. A saga that failed leaves
 * the order where it is, for an operator.
 */
public final class OrderProgress implements EventHandler {

    private final ChangingOrders changing;
    private final MessageDecoder decoder;

    public OrderProgress(ChangingOrders changing, MessageDecoder decoder) {
        this.changing = changing;
        this.decoder = decoder;
    }

    /** The fields of a saga event the orders context cares about. */
    public record SagaProgress(String orderId, String step, String reason) {
    }

    @Override
    public String name() {
        return "orders-saga-progress";
    }

    @Override
    public boolean accepts(String eventType) {
        return switch (eventType) {
            case "saga.step_succeeded", "saga.completed", "saga.canceled", "saga.refunded" -> true;
            default -> false;
        };
    }

    @Override
    public Set<String> streams() {
        return Set.of("sagas");
    }

    @Override
    public void handle(InboundEvent event) {
        SagaProgress progress = decoder.decode(event, SagaProgress.class);
        OrderId id = OrderId.parse(progress.orderId());
        switch (event.type()) {
            case "saga.step_succeeded" -> {
                if ("reserve_inventory".equals(progress.step())) {
                    apply(id, OrderStatus.CREATED, (order, now) -> order.confirm(now));
                } else if ("charge_payment".equals(progress.step())) {
                    apply(id, OrderStatus.CONFIRMED, (order, now) -> order.markPaid(now));
                }
            }
            case "saga.completed" -> apply(id, OrderStatus.PAID, (order, now) -> order.markAssembled(now));
            case "saga.canceled" -> applyUnlessFinal(id, (order, now) -> order.cancel(fitted(progress.reason()), now));
            case "saga.refunded" -> applyUnlessFinal(id, (order, now) -> order.refund(fitted(progress.reason()), now));
            default -> {
                // started, step_failed, compensating, failed: nothing changes for the order
            }
        }
    }

    /**
     * The saga's reason, cut to what an order keeps. The saga writes it itself (a customer's reason of the longest
     * length the API takes, with "canceled by the customer: " in front; or a participant's words, whatever their
     * length), so it may exceed the order's limit for text a person typed; refusing it would leave the order short
     * of its final state for good.
     */
    private static String fitted(String reason) {
        return Texts.shortened(reason, Order.REASON_MAX_LENGTH);
    }

    /** Applies a forward transition only from the state it follows, so a repeated event does nothing. */
    private void apply(OrderId id, OrderStatus from, BiFunction<Order, Instant, Order.Change> transition) {
        changing.changeIf(id, order -> order.status() == from, transition);
    }

    private void applyUnlessFinal(OrderId id, BiFunction<Order, Instant, Order.Change> transition) {
        changing.changeIf(id, order -> !order.status().isFinal(), transition);
    }
}
