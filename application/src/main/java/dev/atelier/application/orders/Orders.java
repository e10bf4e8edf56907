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
     * Stores a new order if every design it names is approved in the orders context's projection of design events
     * (what {@link ApprovedDesigns} keeps), checking and writing with one statement; returns whether it stored it.
     * One statement rather than a read and then a write: order intake is a few round trips to the database, and the
     * check was one of them.
     */
    boolean addIfDesignsApproved(Order order);

    /**
     * Stores each order whose stored one is still at its expected version, with one statement, and returns the ids
     * of those it stored. The caller rolls its transaction back if that is not all of them.
     */
    Set<OrderId> replaceAll(List<Replacement<Order>> replacements);

    Page<Order> find(Filter filter, PageRequest page);

    record Filter(CustomerId customer, OrderStatus status) {
    }
}
