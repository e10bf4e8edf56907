package dev.atelier.domain.orders;

import dev.atelier.domain.shared.IllegalTransitionException;
import dev.atelier.domain.shared.InvalidValueException;
import dev.atelier.domain.shared.Money;
import dev.atelier.domain.shared.Texts;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An order. Immutable: each transition returns the next state with the event that records it. The saga
 * drives the forward transitions; a customer may ask for cancellation until the order is assembled, and the
 * saga then compensates and ends the order {@code canceled} or {@code refunded}.
 */
public final class Order {

    public static final int MAX_LINES = 100;
    public static final int REASON_MAX_LENGTH = 1000;

    private final OrderId id;
    private final CustomerId customer;
    private final List<OrderLine> lines;
    private final Contact contact;
    private final Money total;
    private final OrderStatus status;
    private final boolean cancellationRequested;
    private final String reason;
    private final long version;
    private final Instant createdAt;
    private final Instant updatedAt;

    private Order(OrderId id, CustomerId customer, List<OrderLine> lines, Contact contact, OrderStatus status,
                  boolean cancellationRequested, String reason, long version, Instant createdAt, Instant updatedAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.customer = Objects.requireNonNull(customer, "customer");
        this.lines = List.copyOf(lines);
        this.contact = contact == null ? Contact.NONE : contact;
        this.status = Objects.requireNonNull(status, "status");
        this.cancellationRequested = cancellationRequested;
        this.reason = reason;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.total = totalOf(this.lines);
    }

    public static Order restore(OrderId id, CustomerId customer, List<OrderLine> lines, Contact contact, OrderStatus status,
                                boolean cancellationRequested, String reason, long version, Instant createdAt,
                                Instant updatedAt) {
        return new Order(id, customer, lines, contact, status, cancellationRequested, reason, version, createdAt,
                updatedAt);
    }

    public static Change create(OrderId id, CustomerId customer, List<OrderLine> lines, Contact contact, Instant now) {
        if (lines == null || lines.isEmpty()) {
            throw new InvalidValueException("items", "an order needs at least one item");
        }
        if (lines.size() > MAX_LINES) {
            throw new InvalidValueException("items", "an order has at most " + MAX_LINES + " items, got " + lines.size());
        }
        if (lines.stream().map(line -> line.unitPrice().currency()).distinct().count() > 1) {
            throw new InvalidValueException("items", "all items of an order are priced in the order's currency");
        }
        Order order = new Order(id, customer, lines, contact, OrderStatus.CREATED, false, null, 1, now, now);
        return new Change(order, order.event(OrderEvent.CREATED, now));
    }

    public Change confirm(Instant now) {
        return move(EnumSet.of(OrderStatus.CREATED), OrderStatus.CONFIRMED, OrderEvent.CONFIRMED, null, now);
    }

    public Change markPaid(Instant now) {
        return move(EnumSet.of(OrderStatus.CONFIRMED), OrderStatus.PAID, OrderEvent.PAID, null, now);
    }

    public Change markAssembled(Instant now) {
        return move(EnumSet.of(OrderStatus.PAID), OrderStatus.ASSEMBLED, OrderEvent.ASSEMBLED, null, now);
    }

    /** Ends the order before payment; nothing was charged. */
    public Change cancel(String why, Instant now) {
        return move(EnumSet.of(OrderStatus.CREATED, OrderStatus.CONFIRMED), OrderStatus.CANCELED, OrderEvent.CANCELED,
                why, now);
    }

    /**
     * Ends the order after payment; the payment has been refunded. Also from {@code confirmed}: a charge whose
     * answer never came may have gone through all the same, and the refund that undid it is what tells.
     */
    public Change refund(String why, Instant now) {
        return move(EnumSet.of(OrderStatus.CONFIRMED, OrderStatus.PAID), OrderStatus.REFUNDED, OrderEvent.REFUNDED,
                why, now);
    }

    /** A customer's request to stop the order; the saga compensates what was done. */
    public Change requestCancellation(String why, Instant now) {
        if (status.isFinal()) {
            throw new IllegalTransitionException("order " + id + " is " + status.wireName() + " and can no longer be canceled");
        }
        if (cancellationRequested) {
            throw new IllegalTransitionException("cancellation of order " + id + " is already under way");
        }
        String checked = Texts.optional("reason", why, REASON_MAX_LENGTH);
        Order next = new Order(id, customer, lines, contact, status, true, checked, version + 1, createdAt, now);
        return new Change(next, next.event(OrderEvent.CANCEL_REQUESTED, now));
    }

    private Change move(Set<OrderStatus> from, OrderStatus to, String type, String why, Instant now) {
        if (!from.contains(status)) {
            throw new IllegalTransitionException("order " + id + " cannot move from " + status.wireName() + " to "
                    + to.wireName());
        }
        String checked = Texts.optional("reason", why, REASON_MAX_LENGTH);
        Order next = new Order(id, customer, lines, contact, to, cancellationRequested,
                checked == null ? reason : checked, version + 1, createdAt, now);
        return new Change(next, next.event(type, now));
    }

    private OrderEvent event(String type, Instant now) {
        return new OrderEvent(TimeOrderedIds.at(now), type, id, customer, status, total, lines, contact, reason, version, now);
    }

    /**
     * Each price fits {@link Money}'s bound by then; a line's total (price times quantity) or the order's may not,
     * and the request is told which.
     */
    private static Money totalOf(List<OrderLine> lines) {
        if (lines.isEmpty()) {
            throw new InvalidValueException("items", "an order needs at least one item");
        }
        Money total = null;
        for (int i = 0; i < lines.size(); i++) {
            Money line;
            try {
                line = lines.get(i).lineTotal();
            } catch (InvalidValueException tooLarge) {
                String field = "items[" + i + "]";
                throw new InvalidValueException(field, field + ": unit_price times quantity has more than "
                        + Money.MAX_WHOLE_DIGITS + " digits before the decimal point");
            }
            try {
                total = total == null ? line : total.plus(line);
            } catch (InvalidValueException tooLarge) {
                throw new InvalidValueException("items", "the order's total has more than " + Money.MAX_WHOLE_DIGITS
                        + " digits before the decimal point");
            }
        }
        return total;
    }

    public OrderId id() {
        return id;
    }

    public CustomerId customer() {
        return customer;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public Contact contact() {
        return contact;
    }

    public Money total() {
        return total;
    }

    public OrderStatus status() {
        return status;
    }

    public boolean cancellationRequested() {
        return cancellationRequested;
    }

    public String reason() {
        return reason;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public record Change(Order order, OrderEvent event) {
    }
}
