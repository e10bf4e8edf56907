package dev.atelier.domain.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.domain.shared.IllegalTransitionException;
import dev.atelier.domain.shared.InvalidValueException;
import dev.atelier.domain.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private static OrderLine line(String sku, int quantity, String price, String currency) {
        return new OrderLine(new DesignReference(UUID.randomUUID()), sku, quantity,
                new Money(new BigDecimal(price), currency));
    }

    private static Order created() {
        return Order.create(OrderId.newId(), new CustomerId("c-1"), List.of(line("MUG", 3, "0.10", "EUR"),
                line("TEE", 1, "19.99", "EUR")), Contact.NONE, NOW).order();
    }

    @Test
    void the_total_is_exact_decimal_arithmetic() {
        Order.Change change = Order.create(OrderId.newId(), new CustomerId("c-1"),
                List.of(line("MUG", 3, "0.10", "EUR"), line("TEE", 1, "19.99", "EUR")), Contact.NONE, NOW);

        assertThat(change.order().total()).isEqualTo(new Money(new BigDecimal("20.29"), "EUR"));
        assertThat(change.event().type()).isEqualTo("order.created");
        assertThat(change.event().status()).isEqualTo(OrderStatus.CREATED);
        assertThat(change.event().items()).hasSize(2);
    }

    @Test
    void an_event_s_id_is_time_ordered_from_when_it_happened() {
        OrderEvent created = Order.create(OrderId.newId(), new CustomerId("c-1"), List.of(line("MUG", 1, "1.00", "EUR")),
                Contact.NONE, NOW).event();

        assertThat(created.eventId().version()).isEqualTo(7);
        assertThat(created.eventId().getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void a_total_too_large_to_keep_is_refused_as_a_fault_of_the_items() {
        assertThatThrownBy(() -> Order.create(OrderId.newId(), new CustomerId("c"),
                List.of(line("A", 10_000, "100000000000", "EUR")), Contact.NONE, NOW))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("items[0]: unit_price times quantity has more than 15 digits before the decimal point")
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("items[0]");
        assertThatThrownBy(() -> Order.create(OrderId.newId(), new CustomerId("c"),
                List.of(line("A", 1, "999999999999999", "EUR"), line("B", 1, "1", "EUR")), Contact.NONE, NOW))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("the order's total has more than 15 digits before the decimal point")
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("items");
    }

    @Test
    void prices_must_fit_the_currency_and_items_share_it() {
        assertThatThrownBy(() -> line("MUG", 1, "1.005", "EUR")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("decimal places");
        assertThatThrownBy(() -> line("MUG", 1, "1.5", "JPY")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> line("MUG", 0, "1.00", "EUR")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("quantity");
        assertThatThrownBy(() -> line("MUG", 1, "0", "EUR")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> Order.create(OrderId.newId(), new CustomerId("c"), List.of(line("A", 1, "1", "EUR"),
                line("B", 1, "1", "USD")), Contact.NONE, NOW)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Order.create(OrderId.newId(), new CustomerId("c"), List.of(), Contact.NONE, NOW))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("at least one item");
        assertThatThrownBy(() -> Money.currencyCode("currency", "EURO")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void the_happy_path_goes_created_confirmed_paid_assembled() {
        Order order = created().confirm(NOW).order().markPaid(NOW).order();
        Order.Change assembled = order.markAssembled(NOW);

        assertThat(assembled.order().status()).isEqualTo(OrderStatus.ASSEMBLED);
        assertThat(assembled.event().type()).isEqualTo("order.assembled");
        assertThat(assembled.order().version()).isEqualTo(4);
    }

    @Test
    void canceled_only_before_payment_and_refunded_only_once_the_order_is_confirmed() {
        assertThat(created().confirm(NOW).order().cancel("no stock", NOW).order().status()).isEqualTo(OrderStatus.CANCELED);
        Order paid = created().confirm(NOW).order().markPaid(NOW).order();
        assertThatThrownBy(() -> paid.cancel("late", NOW)).isInstanceOf(IllegalTransitionException.class);
        Order.Change refunded = paid.refund("assembly failed", NOW);
        assertThat(refunded.order().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.event().reason()).isEqualTo("assembly failed");
        assertThatThrownBy(() -> created().refund("x", NOW)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> created().markPaid(NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void a_confirmed_order_whose_charge_went_through_unanswered_ends_refunded() {
        Order.Change refunded = created().confirm(NOW).order().refund("no reply from payments", NOW);

        assertThat(refunded.order().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(refunded.event().type()).isEqualTo("order.refunded");
    }

    @Test
    void a_customer_may_ask_to_cancel_until_the_order_is_final_and_only_once() {
        Order.Change requested = created().confirm(NOW).order().requestCancellation("changed my mind", NOW);
        assertThat(requested.event().type()).isEqualTo("order.cancel_requested");
        assertThat(requested.order().status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThatThrownBy(() -> requested.order().requestCancellation(null, NOW))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("already");
        Order assembled = created().confirm(NOW).order().markPaid(NOW).order().markAssembled(NOW).order();
        assertThatThrownBy(() -> assembled.requestCancellation(null, NOW)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void contacts_are_checked() {
        assertThatThrownBy(() -> new Contact(null, null, "not-an-email", null)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Contact(null, null, null, "ftp://x")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Contact("abc", null, null, null)).isInstanceOf(InvalidValueException.class);
        assertThat(new Contact("123456", "+49 170 1234567", "a@b.de", "https://hooks.example/x").email()).isEqualTo("a@b.de");
    }
}
