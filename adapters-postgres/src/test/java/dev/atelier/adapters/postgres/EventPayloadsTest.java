package dev.atelier.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.domain.orders.Contact;
import dev.atelier.domain.orders.CustomerId;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderLine;
import dev.atelier.domain.shared.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventPayloadsTest {

    @Test
    void an_amount_is_published_as_its_value_and_currency_only() throws Exception {
        Order.Change created = Order.create(OrderId.newId(), new CustomerId("c1"),
                List.of(new OrderLine(new DesignReference(UUID.randomUUID()), "MUG-1", 2, new Money(new BigDecimal("12.50"), "EUR"))),
                new Contact(null, null, "c1@example.com", null), Instant.parse("2026-11-22T10:00:00Z"));

        JsonNode payload = new ObjectMapper().readTree(new EventPayloads().toJson(created.event()));

        assertThat(payload.get("total").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("amount", "currency");
        assertThat(payload.get("total").get("amount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(payload.get("items").get(0).get("unit_price").properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("amount", "currency");
    }
}
