package dev.atelier.application.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogEntryTest {

    @Test
    void timesAreKeptToTheMillisecondAndWithinWhatEveryStoreHolds() {
        assertThat(at(Instant.parse("2026-11-22T10:00:00.123456789Z"))).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
        assertThat(at(Instant.parse("1969-07-20T20:17:40Z"))).isEqualTo(LogEntry.EARLIEST);
        assertThat(at(Instant.parse("2200-01-01T00:00:00Z"))).isEqualTo(LogEntry.LATEST);
    }

    @Test
    void missingTextIsEmptyNeverNull() {
        ApplicationLogEntry entry = new ApplicationLogEntry(UUID.randomUUID(), Instant.now(), "WARN", null, null,
                null, null, null);
        assertThat(entry.values()).doesNotContainNull();
    }

    private static Instant at(Instant time) {
        return new ApplicationLogEntry(UUID.randomUUID(), time, "WARN", "l", "m", "t", "", "").loggedAt();
    }
}
