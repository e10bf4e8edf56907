package dev.atelier.bootstrap.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.messaging.Inbox;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.application.testing.DirectUnitOfWork;
import dev.atelier.application.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Inbox retention runs on its own schedule, in bounded batches, and keeps what is younger than its retention. */
class RetentionWorkerTest {

    private static final Duration INBOX_RETENTION = Duration.ofDays(14);

    /** Rows by the time that starts their retention; a purge deletes the oldest, at most its limit. */
    private static final class Rows {
        private final List<Instant> times = new ArrayList<>();
        private int purges;

        void add(int count, Instant at) {
            for (int i = 0; i < count; i++) {
                times.add(at);
            }
        }

        int purge(Instant before, int limit) {
            purges++;
            List<Instant> old = times.stream().filter(t -> t.isBefore(before)).sorted().limit(limit).toList();
            old.forEach(times::remove);
            return old.size();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final Rows inboxEntries = new Rows();

    private final Inbox inbox = new Inbox() {
        @Override
        public boolean record(String consumer, UUID eventId) {
            return true;
        }

        @Override
        public int purge(Instant before, int limit) {
            return inboxEntries.purge(before, limit);
        }
    };

    private final UnitOfWork unitOfWork = new DirectUnitOfWork();

    private final RetentionWorker worker = new RetentionWorker(unitOfWork, inbox, clock, INBOX_RETENTION, Duration.ofSeconds(2), Duration.ofSeconds(30));

    @Test
    void deletes_in_batches_until_nothing_old_is_left_then_waits_for_its_next_run() {
        Instant old = clock.instant().minus(Duration.ofDays(30));
        inboxEntries.add(2 * RetentionWorker.BATCH + 7, old);

        assertThat(worker.round()).as("a full batch: more to delete at once").isTrue();
        assertThat(worker.round()).isTrue();
        assertThat(worker.round()).as("the last, partial batch").isFalse();
        assertThat(inboxEntries.times).isEmpty();

        inboxEntries.add(5, old);
        int purges = inboxEntries.purges;
        assertThat(worker.round()).isFalse();
        assertThat(inboxEntries.purges).as("not again before its next run").isEqualTo(purges);

        clock.advance(RetentionWorker.EVERY);
        worker.round();
        assertThat(inboxEntries.times).as("deleted at the next run, however busy the service is").isEmpty();
    }

    @Test
    void keeps_what_is_younger_than_its_retention() {
        inboxEntries.add(1, clock.instant().minus(INBOX_RETENTION).minusSeconds(1));
        inboxEntries.add(1, clock.instant().minus(INBOX_RETENTION).plusSeconds(1));

        worker.round();

        assertThat(inboxEntries.times).containsExactly(clock.instant().minus(INBOX_RETENTION).plusSeconds(1));
    }
}
