package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.shared.Replacement;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderEvent;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderLine;
import dev.atelier.domain.orders.OrderStatus;
import dev.atelier.domain.shared.Money;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Orders stored, with their events, only when their designs are approved, and read and written back in batches, as
 * the saga's progress moves a run of them on.
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

    @Inject
    JdbcSession session;

    @Inject
    OutboxCommitSignal commits;

    @Inject
    EventPayloads payloads;

    private DesignReference design(boolean approved) {
        DesignReference design = new DesignReference(UUID.randomUUID());
        unitOfWork.inTransaction(() -> designs.record(design, approved, 1));
        return design;
    }

    private static Order.Change ordering(DesignReference... designs) {
        return Order.create(OrderId.newId(), new CustomerId("customer-1"), List.of(designs).stream()
                .map(design -> new OrderLine(design, "MUG-1", 2, new Money(new BigDecimal("9.90"), "EUR"))).toList(),
                Contact.NONE, NOW);
    }

    private Order stored() {
        Order.Change created = ordering(design(true));
        assertThat(unitOfWork.inTransaction(() -> orders.placeIfDesignsApproved(created))).isTrue();
        return created.order();
    }

    /** The event types of the outbox rows of this order's events. */
    private List<String> outboxRowsOf(Order.Change created) {
        return session.query("SELECT event_type FROM outbox WHERE aggregate_key = ? ORDER BY position",
                List.of(created.order().id().asString()), row -> row.getString(1));
    }

    private void drainRelaySignals() {
        while (relayWoken()) {
            // signals of earlier writes
        }
    }

    private boolean relayWoken() {
        try {
            return commits.await(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void an_order_is_stored_with_its_event_when_every_design_it_names_is_approved_also_when_it_names_one_twice() {
        DesignReference mug = design(true);
        Order.Change created = ordering(mug, design(true), mug);

        assertThat(unitOfWork.inTransaction(() -> orders.placeIfDesignsApproved(created))).isTrue();

        assertThat(orders.byId(created.order().id())).get().usingRecursiveComparison().isEqualTo(created.order());
        assertThat(outboxRowsOf(created)).containsExactly("order.created");
    }

    @Test
    void an_order_naming_a_design_not_approved_or_not_known_is_not_stored_nor_its_event() {
        Order.Change namingADraft = ordering(design(true), design(false));
        Order.Change namingAnUnknown = ordering(new DesignReference(UUID.randomUUID()), design(true));

        assertThat(unitOfWork.inTransaction(() -> orders.placeIfDesignsApproved(namingADraft))).isFalse();
        assertThat(unitOfWork.inTransaction(() -> orders.placeIfDesignsApproved(namingAnUnknown))).isFalse();

        assertThat(orders.byIds(Set.of(namingADraft.order().id(), namingAnUnknown.order().id()))).isEmpty();
        assertThat(outboxRowsOf(namingADraft)).isEmpty();
        assertThat(outboxRowsOf(namingAnUnknown)).isEmpty();
    }

    @Test
    void the_events_row_holds_the_event_its_payload_and_the_requests_context() {
        Order.Change created = ordering(design(true));
        MessageContext request = MessageContext.continuing("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "correlation-7", "cause-3");

        request.run(() -> orders.placeIfDesignsApproved(created));

        List<OutboundEvent> rows = session.query("SELECT " + JdbcOutbox.COLUMNS + " FROM outbox WHERE aggregate_key = ?",
                List.of(created.order().id().asString()), JdbcOutbox::event);
        assertThat(rows).singleElement().satisfies(row -> {
            OrderEvent event = created.event();
            assertThat(row.eventId()).isEqualTo(event.eventId());
            assertThat(row.stream()).isEqualTo("orders");
            assertThat(row.type()).isEqualTo("order.created");
            assertThat(row.key()).isEqualTo(created.order().id().asString());
            assertThat(row.schemaVersion()).isEqualTo(event.schemaVersion());
            assertThat(row.occurredAt()).isEqualTo(event.occurredAt());
            assertThat(new String(row.payload(), StandardCharsets.UTF_8)).isEqualTo(payloads.toJson(event));
            assertThat(row.context().traceparent()).as("a span of the request's trace")
                    .startsWith("00-0af7651916cd43dd8448eb211c80319c-").isNotEqualTo(request.traceparent());
            assertThat(row.context().correlationId()).isEqualTo("correlation-7");
            assertThat(row.context().causationId()).isEqualTo("cause-3");
        });
    }

    @Test
    void a_change_other_than_an_orders_creation_is_refused() {
        Order placed = stored();

        assertThatThrownBy(() -> orders.placeIfDesignsApproved(placed.confirm(NOW.plusSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order.confirmed");
    }

    @Test
    void outside_a_transaction_the_order_and_its_event_commit_by_themselves_and_wake_the_relay() {
        Order.Change created = ordering(design(true));
        drainRelaySignals();

        assertThat(orders.placeIfDesignsApproved(created)).isTrue();

        assertThat(relayWoken()).isTrue();
        assertThat(orders.byId(created.order().id())).isPresent();
        assertThat(outboxRowsOf(created)).containsExactly("order.created");
    }

    @Test
    void in_a_transaction_that_rolls_back_neither_is_kept_and_the_relay_is_not_woken() {
        Order.Change created = ordering(design(true));
        drainRelaySignals();

        assertThatThrownBy(() -> unitOfWork.inTransaction(() -> {
            assertThat(orders.placeIfDesignsApproved(created)).isTrue();
            assertThat(relayWoken()).as("not before the commit").isFalse();
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");

        assertThat(relayWoken()).isFalse();
        assertThat(orders.byId(created.order().id())).isEmpty();
        assertThat(outboxRowsOf(created)).isEmpty();
    }

    @Test
    void a_refused_order_does_not_wake_the_relay() {
        Order.Change namingADraft = ordering(design(false));
        drainRelaySignals();

        assertThat(orders.placeIfDesignsApproved(namingADraft)).isFalse();

        assertThat(relayWoken()).isFalse();
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
