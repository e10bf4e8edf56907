package dev.atelier.application.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.Replacement;
import dev.atelier.application.shared.StaleVersionException;
import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderLine;
import dev.atelier.domain.orders.OrderStatus;
import dev.atelier.domain.shared.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Changes to orders: one at a time (a customer's cancel that meets the saga moving the order on), and a run together. */
class ChangingOrdersTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    /** One stored order; before the first store, the saga confirms it, as a concurrent consumer would. */
    private static final class RacingOrders implements Orders {
        private Order stored;
        private boolean sagaMovesFirst = true;

        @Override
        public Optional<Order> byId(OrderId id) {
            return Optional.ofNullable(stored).filter(order -> order.id().equals(id));
        }

        @Override
        public List<Order> byIds(Collection<OrderId> ids) {
            return ids.stream().flatMap(id -> byId(id).stream()).toList();
        }

        /** Takes every design as approved. */
        @Override
        public boolean placeIfDesignsApproved(Order.Change created) {
            stored = created.order();
            return true;
        }

        @Override
        public Set<OrderId> replaceAll(List<Replacement<Order>> replacements) {
            if (sagaMovesFirst) {
                sagaMovesFirst = false;
                stored = stored.confirm(NOW).order();
            }
            Replacement<Order> only = replacements.get(0);
            if (replacements.size() != 1 || stored.version() != only.expectedVersion()) {
                return Set.of();
            }
            stored = only.aggregate();
            return Set.of(stored.id());
        }

        @Override
        public Page<Order> find(Filter filter, PageRequest page) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void a_cancel_that_meets_a_concurrent_change_is_decided_again_on_the_order_as_it_became() {
        RacingOrders orders = new RacingOrders();
        TransactionalFakes transactions = new TransactionalFakes();
        Order created = Order.create(OrderId.newId(), new CustomerId("c-1"), List.of(new OrderLine(
                new DesignReference(UUID.randomUUID()), "MUG", 1, new Money(new BigDecimal("9.90"), "EUR"))),
                Contact.NONE, NOW).order();
        orders.stored = created;

        Order canceled = new ChangingOrders(transactions, orders, transactions, Clock.fixed(NOW, ZoneOffset.UTC))
                .requestCancellation(created.id(), "ordered twice");

        assertThat(canceled.status()).as("the saga's change is kept").isEqualTo(OrderStatus.CONFIRMED);
        assertThat(canceled.cancellationRequested()).isTrue();
        assertThat(orders.stored).isEqualTo(canceled);
        assertThat(transactions.outbox()).extracting(event -> event.type()).containsExactly("order.cancel_requested");
    }

    private final InMemoryOrders orders = new InMemoryOrders();
    private final TransactionalFakes transactions = new TransactionalFakes();
    private final ChangingOrders changing = new ChangingOrders(transactions, orders, transactions,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private Order stored() {
        Order order = Order.create(OrderId.newId(), new CustomerId("c-1"), List.of(new OrderLine(
                new DesignReference(UUID.randomUUID()), "MUG", 1, new Money(new BigDecimal("9.90"), "EUR"))),
                Contact.NONE, NOW).order();
        orders.add(order);
        return order;
    }

    @Test
    void changes_to_several_orders_taken_together_act_as_one_by_one_and_are_written_at_once() {
        Order first = stored();
        Order second = stored();

        changing.changeTogether(Set.of(first.id(), second.id()), loaded -> {
            loaded.changeIf(first.id(), order -> order.status() == OrderStatus.CREATED, (order, now) -> order.confirm(now));
            loaded.changeIf(second.id(), order -> order.status() == OrderStatus.CREATED, (order, now) -> order.confirm(now));
            loaded.changeIf(first.id(), order -> order.status() == OrderStatus.CONFIRMED, (order, now) -> order.markPaid(now));
            loaded.changeIf(first.id(), order -> order.status() == OrderStatus.CONFIRMED, (order, now) -> order.markPaid(now));
        });

        assertThat(orders.writes).isEqualTo(1);
        assertThat(orders.byId(first.id())).get().extracting(Order::status).isEqualTo(OrderStatus.PAID);
        assertThat(orders.byId(second.id())).get().extracting(Order::status).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(transactions.outbox()).extracting(event -> event.type())
                .containsExactly("order.confirmed", "order.confirmed", "order.paid");
    }

    @Test
    void orders_taken_together_are_not_written_if_one_was_changed_meanwhile() {
        Order first = stored();
        Order second = stored();

        assertThatThrownBy(() -> changing.changeTogether(Set.of(first.id(), second.id()), loaded -> {
            loaded.changeIf(first.id(), order -> true, (order, now) -> order.confirm(now));
            loaded.changeIf(second.id(), order -> true, (order, now) -> order.confirm(now));
            orders.add(second.requestCancellation("ordered twice", NOW).order());
        })).isInstanceOf(StaleVersionException.class).hasMessageContaining(second.id().toString());
    }

    @Test
    void a_change_to_an_order_that_was_not_found_is_refused() {
        OrderId missing = OrderId.newId();

        assertThatThrownBy(() -> changing.changeTogether(Set.of(missing),
                loaded -> loaded.changeIf(missing, order -> true, (order, now) -> order.confirm(now))))
                .isInstanceOf(NotFoundException.class);
    }
}
