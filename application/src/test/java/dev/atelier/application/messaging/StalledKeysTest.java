package dev.atelier.application.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StalledKeysTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private static OutboundEvent event(long position, String key) {
        return new OutboundEvent(position, UUID.randomUUID(), "designs", "design.updated", key, 1, Instant.EPOCH,
                new byte[0], MessageContext.newFlow());
    }

    @Test
    void a_key_stalls_on_its_first_refused_event_and_is_due_after_the_pause() {
        StalledKeys stalled = new StalledKeys(Duration.ofSeconds(2));
        List<OutboundEvent> batch = List.of(event(1, "a"), event(2, "b"), event(3, "a"));

        stalled.record(batch, List.of(batch.get(1)), Set.of(), NOW);

        assertThat(stalled.keys()).containsExactly("a");
        assertThat(stalled.dueAt(NOW.plusMillis(1_999))).isEmpty();
        assertThat(stalled.dueAt(NOW.plusSeconds(2))).containsEntry("a", 1L).hasSize(1);
    }

    @Test
    void records_no_more_than_its_limit_of_keys() {
        StalledKeys stalled = new StalledKeys(Duration.ofSeconds(2));
        List<OutboundEvent> refused = IntStream.rangeClosed(1, StalledKeys.LIMIT + 5)
                .mapToObj(i -> event(i, "key-" + i)).toList();

        stalled.record(refused, List.of(), Set.of(), NOW);

        assertThat(stalled.keys()).hasSize(StalledKeys.LIMIT).doesNotContain("key-" + (StalledKeys.LIMIT + 1));
    }
}
