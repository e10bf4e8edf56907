package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.shared.Replacement;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderLine;
import dev.atelier.domain.orders.OrderStatus;
import dev.atelier.domain.shared.Money;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Orders stored only when their designs are approved, and read and written back in batches, as the saga's progress
 * moves a run of them on.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcOrdersTest implements PostgresTestDatabase {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    JdbcOrders orders;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    JdbcApprovedDesigns designs;

    private DesignReference design(boolean approved) {
        DesignReference design = new DesignReference(UUID.randomUUID());
        unitOfWork.inTransaction(() -> designs.record(design, approved, 1));
        return design;
    }

    private static Order ordering(DesignReference... designs) {
        return Order.create(OrderId.newId(), new CustomerId("customer-1"), List.of(designs).stream()
                .map(design -> new OrderLine(design, "MUG-1", 2, new Money(new BigDecimal("9.90"), "EUR"))).toList(),
                Contact.NONE, NOW).order();
    }

    private Order stored() {
        Order order = ordering(design(true));
        assertThat(unitOfWork.inTransaction(() -> orders.addIfDesignsApproved(order))).isTrue();
        return order;
    }

    @Test
    void an_order_is_stored_when_every_design_it_names_is_approved_also_when_it_names_one_twice() {
        DesignReference mug = design(true);
        Order order = ordering(mug, design(true), mug);

        assertThat(unitOfWork.inTransaction(() -> orders.addIfDesignsApproved(order))).isTrue();

        assertThat(orders.byId(order.id())).get().usingRecursiveComparison().isEqualTo(order);
    }

    @Test
    void an_order_naming_a_design_not_approved_or_not_known_is_not_stored() {
        Order namingADraft = ordering(design(true), design(false));
        Order namingAnUnknown = ordering(new DesignReference(UUID.randomUUID()), design(true));

        assertThat(unitOfWork.inTransaction(() -> orders.addIfDesignsApproved(namingADraft))).isFalse();
        assertThat(unitOfWork.inTransaction(() -> orders.addIfDesignsApproved(namingAnUnknown))).isFalse();

        assertThat(orders.byIds(Set.of(namingADraft.id(), namingAnUnknown.id()))).isEmpty();
    }

    @Test
    void several_orders_are_read_at_once_and_an_id_with_no_order_is_left_out() {
        Order first = stored();
        Order second = stored();

        List<Order> read = orders.byIds(Set.of(first.id(), second.id(), OrderId.newId()));

        assertThat(read).usingRecursiveFieldByFieldElementComparator().containsExactlyInAnyOrder(first, second);
        assertThat(orders.byIds(Set.of())).isEmpty();
    }

    @Test
    void a_batch_stores_each_order_still_at_the_version_it_was_read_at_and_says_which() {
        Order current = stored();
        Order overtaken = stored();
        Order movedOnElsewhere = overtaken.requestCancellation("ordered twice", NOW.plusSeconds(1)).order();
        unitOfWork.inTransaction(() -> orders.replaceAll(List.of(
                new Replacement<>(movedOnElsewhere, overtaken.version()))));

        Order confirmed = current.confirm(NOW.plusSeconds(2)).order();
        Order paid = confirmed.markPaid(NOW.plusSeconds(3)).order();
        Order alsoConfirmed = overtaken.confirm(NOW.plusSeconds(2)).order();
        Set<OrderId> written = unitOfWork.inTransaction(() -> orders.replaceAll(List.of(
                new Replacement<>(paid, current.version()),
                new Replacement<>(alsoConfirmed, overtaken.version()))));

        assertThat(written).containsExactly(current.id());
        assertThat(orders.byId(current.id())).get().usingRecursiveComparison().isEqualTo(paid);
        assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
        assertThat(orders.byId(overtaken.id())).get().as("left as the other writer left it")
                .usingRecursiveComparison().isEqualTo(movedOnElsewhere);
    }
}
