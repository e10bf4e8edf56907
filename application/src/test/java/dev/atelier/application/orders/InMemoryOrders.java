package dev.atelier.application.orders;

import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.Replacement;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderEvent;
import dev.atelier.domain.orders.OrderId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Orders in a map, with the version check of the real store; counts the writes and keeps the events of creation. */
final class InMemoryOrders implements Orders {
    private final Map<OrderId, Order> byId = new HashMap<>();
    /** The designs the projection of design events would hold as approved. */
    final Set<DesignReference> approvedDesigns = new HashSet<>();
    /** The events stored with the orders they announce, as the real store writes them to the outbox. */
    final List<OrderEvent> events = new ArrayList<>();
    int writes;

    @Override
    public Optional<Order> byId(OrderId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public List<Order> byIds(Collection<OrderId> ids) {
        return ids.stream().flatMap(id -> byId(id).stream()).toList();
    }

    int stored() {
        return byId.size();
    }

    /** Stores the order as it is: the tests that use these orders start from orders already placed. */
    void add(Order order) {
        byId.put(order.id(), order);
    }

    /**
     * Stores the order and its event if every design it names is in {@link #approvedDesigns}, as the real store
     * checks its projection.
     */
    @Override
    public boolean placeIfDesignsApproved(Order.Change created) {
        if (!created.order().lines().stream().allMatch(line -> approvedDesigns.contains(line.designId()))) {
            return false;
        }
        add(created.order());
        events.add(created.event());
        return true;
    }

    @Override
    public Set<OrderId> replaceAll(List<Replacement<Order>> replacements) {
        writes++;
        Set<OrderId> stored = new HashSet<>();
        for (Replacement<Order> replacement : replacements) {
            Order order = replacement.aggregate();
            if (byId.get(order.id()).version() == replacement.expectedVersion()) {
                byId.put(order.id(), order);
                stored.add(order.id());
            }
        }
        return stored;
    }

    @Override
    public Page<Order> find(Filter filter, PageRequest page) {
        throw new UnsupportedOperationException();
    }
}
