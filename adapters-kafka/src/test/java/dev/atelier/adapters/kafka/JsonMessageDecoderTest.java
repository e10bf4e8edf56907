package dev.atelier.adapters.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.PermanentFailure;
import dev.atelier.application.notifications.NotificationPlanner.OrderView;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The consumers' reading of payloads, with the notifications' view of an order event as the example. */
class JsonMessageDecoderTest {

    private final JsonMessageDecoder decoder = new JsonMessageDecoder();

    private static InboundEvent orderEvent(String total) {
        byte[] payload = ("{\"order_id\":\"o-1\",\"customer_id\":\"c-1\",\"status\":\"paid\",\"total\":" + total
                + ",\"items\":[],\"extra\":\"ignored\"}").getBytes(StandardCharsets.UTF_8);
        return new InboundEvent(UUID.randomUUID(), "order.paid", "o-1", 1, Instant.now(), payload,
                MessageContext.newFlow(), new InboundEvent.Delivery("orders", 0, 0, "o-1", payload, Map.of()));
    }

    @Test
    void anAmountIsReadAtItsCurrencysPrecision() {
        OrderView order = decoder.decode(orderEvent("{\"amount\":25,\"currency\":\"EUR\"}"), OrderView.class);

        assertThat(order.total().amount()).isEqualTo(new BigDecimal("25.00"));
        assertThat(order.customerId()).isEqualTo("c-1");
    }

    /**
     * Any producer may write to the orders topic: a total of 1e100000000 is a few bytes of JSON whose plain form, which
     * a notification's text shows, has a hundred million digits. It does not fit, and goes to the dead letters at once.
     */
    @Test
    void anAmountNoOrderCanHaveDoesNotFit() {
        assertThatThrownBy(() -> decoder.decode(orderEvent("{\"amount\":1e100000000,\"currency\":\"EUR\"}"),
                OrderView.class))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("too large");
    }
}
