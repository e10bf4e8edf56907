package dev.atelier.application.orders;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderStatus;
import dev.atelier.domain.shared.Texts;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
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
        handleAll(List.of(event));
    }

    /** The run's orders are read with one statement and those it moved on are written with one. */
    @Override
    public void handleAll(List<InboundEvent> run) {
        List<SagaProgress> progress = run.stream().map(event -> decoder.decode(event, SagaProgress.class)).toList();
        List<OrderId> orders = progress.stream().map(one -> OrderId.parse(one.orderId())).toList();
        changing.changeTogether(new HashSet<>(orders), loaded -> {
            for (int i = 0; i < run.size(); i++) {
                InboundEvent event = run.get(i);
                OrderId id = orders.get(i);
                SagaProgress one = progress.get(i);
                event.asCause(() -> apply(loaded, id, event.type(), one));
            }
        });
    }

    private static void apply(ChangingOrders.Loaded loaded, OrderId id, String eventType, SagaProgress progress) {
        switch (eventType) {
            case "saga.step_succeeded" -> {
                if ("reserve_inventory".equals(progress.step())) {
                    moveOn(loaded, id, OrderStatus.CREATED, (order, now) -> order.confirm(now));
                } else if ("charge_payment".equals(progress.step())) {
                    moveOn(loaded, id, OrderStatus.CONFIRMED, (order, now) -> order.markPaid(now));
                }
            }
            case "saga.completed" -> moveOn(loaded, id, OrderStatus.PAID, (order, now) -> order.markAssembled(now));
            case "saga.canceled" -> endUnlessFinal(loaded, id, (order, now) -> order.cancel(fitted(progress.reason()), now));
            case "saga.refunded" -> endUnlessFinal(loaded, id, (order, now) -> order.refund(fitted(progress.reason()), now));
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
    private static void moveOn(ChangingOrders.Loaded loaded, OrderId id, OrderStatus from,
                               BiFunction<Order, Instant, Order.Change> transition) {
        loaded.changeIf(id, order -> order.status() == from, transition);
    }

    private static void endUnlessFinal(ChangingOrders.Loaded loaded, OrderId id,
                                       BiFunction<Order, Instant, Order.Change> transition) {
        loaded.changeIf(id, order -> !order.status().isFinal(), transition);
    }
}
