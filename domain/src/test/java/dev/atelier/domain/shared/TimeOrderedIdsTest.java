package dev.atelier.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void an_id_is_a_version_7_uuid_that_starts_with_its_time() {
        Instant loggedAt = Instant.parse("2026-11-22T10:15:30.123Z");

        UUID id = TimeOrderedIds.at(loggedAt);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(loggedAt.toEpochMilli());
        assertThat(id.toString()).startsWith(String.format("%08x-%04x", loggedAt.toEpochMilli() >>> 16,
                loggedAt.toEpochMilli() & 0xFFFF));
    }

    @Test
    void later_ids_sort_after_earlier_ones_and_ids_of_one_millisecond_differ() {
        Instant first = Instant.parse("2026-11-22T10:15:30.123Z");
        Set<UUID> sameMillisecond = new HashSet<>();
        IntStream.range(0, 10_000).forEach(i -> sameMillisecond.add(TimeOrderedIds.at(first)));

        assertThat(sameMillisecond).hasSize(10_000);
        assertThat(TimeOrderedIds.at(first.plusMillis(1)).toString()).isGreaterThan(TimeOrderedIds.at(first).toString());
        assertThat(TimeOrderedIds.at(first.plusSeconds(86_400)).toString()).isGreaterThan(TimeOrderedIds.at(first).toString());
    }
}
