package dev.atelier.application.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.shared.UnprocessableException;
import dev.atelier.application.shared.WebhookTargets;
import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.DesignReference;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Order intake's rule on designs: every design an order names must be approved, or nothing is written. */
class PlacingOrderTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private final TransactionalFakes transactions = new TransactionalFakes();
    private final InMemoryOrders orders = new InMemoryOrders();
    private final DesignReference approved = new DesignReference(UUID.randomUUID());
    private final DesignReference draft = new DesignReference(UUID.randomUUID());
    /** What the projection answers when asked which designs are not approved; a test may change it meanwhile. */
    private Set<DesignReference> projectionApproves = new HashSet<>();

    private final PlacingOrder placing = new PlacingOrder(transactions, orders, new ApprovedDesigns() {
        @Override
        public Set<DesignReference> notApproved(Collection<DesignReference> designs) {
            Set<DesignReference> refused = new HashSet<>(designs);
            refused.removeAll(projectionApproves);
            return refused;
        }

        @Override
        public void record(DesignReference design, boolean isApproved, long version) {
            throw new UnsupportedOperationException();
        }
    }, null, transactions, WebhookTargets.of("", ""), Clock.fixed(NOW, ZoneOffset.UTC));

    private static PlaceOrderUseCase.Command ordering(DesignReference... designs) {
        return PlaceOrderUseCase.Command.of("customer-1", "EUR", List.of(designs).stream()
                .map(design -> new PlaceOrderUseCase.Item(design.toString(), "MUG", 1, new BigDecimal("9.90")))
                .toList(), Contact.NONE);
    }

    @Test
    void an_order_of_approved_designs_is_stored_with_its_event() {
        orders.approvedDesigns.add(approved);

        PlaceOrderUseCase.Placed placed = placing.place(ordering(approved), null);

        assertThat(orders.byId(placed.order().id())).isPresent();
        assertThat(transactions.outbox()).extracting(event -> event.type()).containsExactly("order.created");
    }

    @Test
    void an_order_naming_a_design_that_is_not_approved_is_refused_naming_it_and_nothing_is_written() {
        orders.approvedDesigns.add(approved);
        projectionApproves = Set.of(approved);

        assertThatThrownBy(() -> placing.place(ordering(approved, draft), null))
                .isInstanceOf(UnprocessableException.class)
                .hasMessage("designs not approved for ordering: " + draft);
        assertThat(orders.stored()).isZero();
        assertThat(transactions.outbox()).isEmpty();
    }

    @Test
    void a_design_approved_between_the_check_and_the_answer_is_said_to_be_approved_now() {
        projectionApproves = Set.of(approved);

        assertThatThrownBy(() -> placing.place(ordering(approved), null))
                .isInstanceOf(UnprocessableException.class)
                .hasMessageContaining("approved while the order was being placed");
        assertThat(transactions.outbox()).isEmpty();
    }
}
