package dev.atelier.application.orders;

import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.Replacement;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface Orders {

    Optional<Order> byId(OrderId id);

    /** The orders of these ids that exist, in no particular order, read with one statement. */
    List<Order> byIds(Collection<OrderId> ids);

    /**
     * Stores a new order together with the event that announces it (the {@code order.created} of
     * {@link Order#create}), both or neither, if every design it names is approved in the orders context's
     * projection of design events (what {@link ApprovedDesigns} keeps); returns whether it stored them. It is
     * atomic by itself, so it needs no unit of work around it; inside one it commits with the rest. Its event
     * takes its place in the outbox at once, ahead of events appended earlier in the same unit of work, so none
     * of those may be about the same order.
     *
     * @throws IllegalArgumentException for a change other than an order's creation
     */
    boolean placeIfDesignsApproved(Order.Change created);

    /**
     * Stores each order whose stored one is still at its expected version, with one statement, and returns the ids
     * of those it stored. The caller rolls its transaction back if that is not all of them.
     */
    Set<OrderId> replaceAll(List<Replacement<Order>> replacements);

    Page<Order> find(Filter filter, PageRequest page);

    record Filter(CustomerId customer, OrderStatus status) {
    }
}
