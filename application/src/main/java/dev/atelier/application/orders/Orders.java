package dev.atelier.application.orders;

import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderStatus;
import java.util.Optional;

public interface Orders {

    Optional<Order> byId(OrderId id);

    void add(Order order);

    /** Stores {@code changed} if the stored order is still at {@code expectedVersion}. */
    boolean replace(Order changed, long expectedVersion);

    Page<Order> find(Filter filter, PageRequest page);

    record Filter(CustomerId customer, OrderStatus status) {
    }
}
