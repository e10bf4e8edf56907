package dev.atelier.application.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.application.shared.UnprocessableException;
import dev.atelier.application.shared.WebhookTargets;
import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.DesignReference;
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
import java.util.function.Supplier;
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

    /** How many units of work intake opened. */
    private int unitsOfWork;
    private final UnitOfWork counted = new UnitOfWork() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            unitsOfWork++;
            return transactions.inTransaction(work);
        }

        @Override
        public void afterCommit(Runnable action) {
            transactions.afterCommit(action);
        }
    };
    private final Map<String, IdempotencyKeys.Claim> claims = new HashMap<>();

    private final PlacingOrder placing = new PlacingOrder(counted, orders, new ApprovedDesigns() {
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
    }, (key, fingerprint, orderId) -> Optional.ofNullable(claims.putIfAbsent(key,
            new IdempotencyKeys.Claim(fingerprint, orderId))), WebhookTargets.of("", ""), Clock.fixed(NOW, ZoneOffset.UTC));

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
        assertThat(orders.events).extracting(event -> event.type()).containsExactly("order.created");
    }

    @Test
    void without_an_idempotency_key_no_unit_of_work_is_opened_the_store_is_atomic_by_itself() {
        orders.approvedDesigns.add(approved);

        placing.place(ordering(approved), null);

        assertThat(unitsOfWork).isZero();
    }

    @Test
    void with_an_idempotency_key_the_claim_and_the_order_share_one_unit_of_work_and_a_repeat_replays_it() {
        orders.approvedDesigns.add(approved);

        PlaceOrderUseCase.Placed first = placing.place(ordering(approved), "key-1");
        PlaceOrderUseCase.Placed repeat = placing.place(ordering(approved), "key-1");

        assertThat(unitsOfWork).isEqualTo(2);
        assertThat(claims.get("key-1").orderId()).isEqualTo(first.order().id());
        assertThat(repeat.replayed()).isTrue();
        assertThat(repeat.order().id()).isEqualTo(first.order().id());
        assertThat(orders.stored()).isOne();
        assertThat(orders.events).hasSize(1);
    }

    @Test
    void an_order_naming_a_design_that_is_not_approved_is_refused_naming_it_and_nothing_is_written() {
        orders.approvedDesigns.add(approved);
        projectionApproves = Set.of(approved);

        assertThatThrownBy(() -> placing.place(ordering(approved, draft), null))
                .isInstanceOf(UnprocessableException.class)
                .hasMessage("designs not approved for ordering: " + draft);
        assertThat(orders.stored()).isZero();
        assertThat(orders.events).isEmpty();
    }

    @Test
    void a_design_approved_between_the_check_and_the_answer_is_said_to_be_approved_now() {
        projectionApproves = Set.of(approved);

        assertThatThrownBy(() -> placing.place(ordering(approved), null))
                .isInstanceOf(UnprocessableException.class)
                .hasMessageContaining("approved while the order was being placed");
        assertThat(orders.events).isEmpty();
    }
}
