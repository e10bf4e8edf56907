package dev.atelier.domain.orders;

import dev.atelier.domain.shared.DomainEvent;
import dev.atelier.domain.shared.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Every event of an order carries the order as it is after the change, so a consumer (notifications, a
 * read model) needs nothing else. {@code reason} explains a cancellation or refund.
 */
public record OrderEvent(
        UUID eventId,
        String type,
        OrderId orderId,
        CustomerId customerId,
        OrderStatus status,
        Money total,
        List<OrderLine> items,
        Contact contact,
        String reason,
        long version,
        Instant occurredAt) implements DomainEvent {

    public static final String STREAM = "orders";
    public static final String CREATED = "order.created";
    public static final String CONFIRMED = "order.confirmed";
    public static final String PAID = "order.paid";
    public static final String ASSEMBLED = "order.assembled";
    public static final String CANCELED = "order.canceled";
    public static final String REFUNDED = "order.refunded";
    public static final String CANCEL_REQUESTED = "order.cancel_requested";

    public OrderEvent {
        items = List.copyOf(items);
    }

    @Override
    public String stream() {
        return STREAM;
    }

    @Override
    public OrderId aggregateId() {
        return orderId;
    }
}
