package dev.atelier.application.orders;

import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;

public final class FindOrdersUseCase {

    private final Orders orders;

    public FindOrdersUseCase(Orders orders) {
        this.orders = orders;
    }

    public Order get(OrderId id) {
        return orders.byId(id).orElseThrow(() -> new NotFoundException("order", id));
    }

    public Page<Order> list(Orders.Filter filter, PageRequest page) {
        return orders.find(filter, page);
    }
}
