package dev.atelier.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a dead-letter record carries of the parked message, and what it leaves to the dead-letter index. */
class MessageParkedTest {

    private static DeadLetter parked(byte[] value) {
        return parked("key-1", value);
    }

    private static DeadLetter parked(String key, byte[] value) {
        return new DeadLetter(UUID.randomUUID(), 1, "orders-designs", key, null, null, "designs", 2, 41, value,
                Map.of("ce_type", "design.created"), "unreadable", 1, Instant.parse("2026-05-01T10:00:00Z"),
                DeadLetter.Status.PARKED);
    }

    @Test
    void a_value_travels_in_base64_with_its_size() {
        byte[] value = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);

        MessageParked record = MessageParked.of(parked(value));

        assertThat(Base64.getDecoder().decode(record.valueBase64())).isEqualTo(value);
        assertThat(record.valueSize()).isEqualTo(value.length);
        assertThat(record.valueOmitted()).isFalse();
    }

    @Test
    void a_value_that_would_make_the_record_too_large_is_left_to_the_dead_letter_index() {
        assertThat(MessageParked.of(parked("key-1", new byte[500 * 1024])).valueBase64()).isNotNull();

        byte[] tooLarge = new byte[600 * 1024];
        MessageParked record = MessageParked.of(parked("key-1", tooLarge));
        assertThat(record.valueBase64()).isNull();
        assertThat(record.valueOmitted()).isTrue();
        assertThat(record.valueSize()).isEqualTo(tooLarge.length);
    }

    @Test
    void the_key_counts_too_since_the_record_carries_it_twice() {
        MessageParked record = MessageParked.of(parked("k".repeat(100 * 1024), new byte[500 * 1024]));

        assertThat(record.valueOmitted()).isTrue();
    }

    @Test
    void no_value_is_no_value() {
        MessageParked record = MessageParked.of(parked(null));

        assertThat(record.valueBase64()).isNull();
        assertThat(record.valueSize()).isNull();
        assertThat(record.valueOmitted()).isFalse();
    }
}
