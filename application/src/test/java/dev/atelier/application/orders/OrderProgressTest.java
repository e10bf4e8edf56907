package dev.atelier.application.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.testing.PayloadsByEventId;
import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderLine;
import dev.atelier.domain.orders.OrderStatus;
import dev.atelier.domain.shared.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run of saga events moves its orders on as the events would one by one, with one read and one write. */
class OrderProgressTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private final InMemoryOrders orders = new InMemoryOrders();
    private final List<String> appended = new ArrayList<>();
    private final PayloadsByEventId payloads = new PayloadsByEventId();
    private final OrderProgress progress = new OrderProgress(new ChangingOrders(new TransactionalFakes(), orders,
            event -> appended.add(event.type() + " caused by " + MessageContext.current().causationId()),
            Clock.fixed(NOW, ZoneOffset.UTC)), payloads);

    private Order placed() {
        Order order = Order.create(OrderId.newId(), new CustomerId("c-1"), List.of(new OrderLine(
                new DesignReference(UUID.randomUUID()), "MUG", 1, new Money(new BigDecimal("9.90"), "EUR"))),
                Contact.NONE, NOW).order();
        orders.add(order);
        return order;
    }

    private InboundEvent sagaEvent(String type, OrderId order, String step) {
        UUID eventId = UUID.randomUUID();
        payloads.put(eventId, new OrderProgress.SagaProgress(order.toString(), step, "the saga's reason"));
        return new InboundEvent(eventId, type, order.toString(), 1, NOW, "{}".getBytes(StandardCharsets.UTF_8),
                MessageContext.newFlow(), new InboundEvent.Delivery("sagas", 0, 0, order.toString(), new byte[0], Map.of()));
    }

    @Test
    void a_run_moves_each_order_on_in_the_events_order_and_each_change_names_its_event_as_cause() {
        Order first = placed();
        Order second = placed();
        InboundEvent reserved = sagaEvent("saga.step_succeeded", first.id(), "reserve_inventory");
        InboundEvent secondReserved = sagaEvent("saga.step_succeeded", second.id(), "reserve_inventory");
        InboundEvent charged = sagaEvent("saga.step_succeeded", first.id(), "charge_payment");
        InboundEvent completed = sagaEvent("saga.completed", first.id(), null);
        InboundEvent assemblyRequested = sagaEvent("saga.step_succeeded", second.id(), "request_assembly");
        InboundEvent chargedAgain = sagaEvent("saga.step_succeeded", first.id(), "charge_payment");

        progress.handleAll(List.of(reserved, secondReserved, charged, completed, assemblyRequested, chargedAgain));

        assertThat(orders.writes).isEqualTo(1);
        assertThat(orders.byId(first.id())).get().extracting(Order::status).isEqualTo(OrderStatus.ASSEMBLED);
        assertThat(orders.byId(second.id())).get().extracting(Order::status).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(appended).containsExactly(
                "order.confirmed caused by " + reserved.eventId(),
                "order.confirmed caused by " + secondReserved.eventId(),
                "order.paid caused by " + charged.eventId(),
                "order.assembled caused by " + completed.eventId());
    }

    @Test
    void a_run_that_would_change_an_order_there_is_none_of_changes_nothing() {
        Order known = placed();

        assertThatThrownBy(() -> progress.handleAll(List.of(
                sagaEvent("saga.step_succeeded", known.id(), "reserve_inventory"),
                sagaEvent("saga.canceled", OrderId.newId(), null)))).isInstanceOf(NotFoundException.class);
        assertThat(orders.writes).isZero();
    }
}
