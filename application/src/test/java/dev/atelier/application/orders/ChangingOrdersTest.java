package dev.atelier.application.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A customer's cancel that meets the saga moving the order on at the same moment. */
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
        public void add(Order order) {
            stored = order;
        }

        @Override
        public boolean replace(Order changed, long expectedVersion) {
            if (sagaMovesFirst) {
                sagaMovesFirst = false;
                stored = stored.confirm(NOW).order();
            }
            if (stored.version() != expectedVersion) {
                return false;
            }
            stored = changed;
            return true;
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
        orders.add(created);

        Order canceled = new ChangingOrders(transactions, orders, transactions, Clock.fixed(NOW, ZoneOffset.UTC))
                .requestCancellation(created.id(), "ordered twice");

        assertThat(canceled.status()).as("the saga's change is kept").isEqualTo(OrderStatus.CONFIRMED);
        assertThat(canceled.cancellationRequested()).isTrue();
        assertThat(orders.stored).isEqualTo(canceled);
        assertThat(transactions.outbox()).extracting(event -> event.type()).containsExactly("order.cancel_requested");
    }
}
