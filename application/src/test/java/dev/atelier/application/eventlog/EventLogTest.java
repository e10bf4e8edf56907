package dev.atelier.application.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLogTest {

    private final FlakyStore store = new FlakyStore();
    private EventLog log;

    @AfterEach
    void stop() {
        if (log != null) {
            log.close(Duration.ofSeconds(1));
        }
    }

    @Test
    void writesFullBatchesWithoutWaitingForTheInterval() {
        log = start(100, 10, Duration.ofHours(1));

        for (int i = 0; i < 25; i++) {
            log.record(kafka(i));
        }

        await().until(() -> store.written().size() == 20);
        assertThat(store.appendSizes).containsExactly(10, 10);
        assertThat(log.status().buffered()).isEqualTo(5);
    }

    @Test
    void writesAPartBatchOnceTheIntervalHasPassed() {
        log = start(100, 10, Duration.ofMillis(50));

        log.record(kafka(1));
        log.record(kafka(2));

        await().until(() -> store.written().size() == 2);
        assertThat(store.appendSizes).containsExactly(2);
        assertThat(log.status().written()).isEqualTo(2);
    }

    @Test
    void whileTheStoreIsDownItKeepsWhatFitsDropsTheRestAndCatchesUpLater() {
        store.down = true;
        log = start(10, 5, Duration.ofMillis(20));

        log.record(kafka(0));
        await().until(() -> log.status().degraded());
        for (int i = 1; i <= 30; i++) {
            log.record(kafka(i));
        }

        EventLog.Status degraded = log.status();
        assertThat(degraded.degraded()).isTrue();
        assertThat(degraded.lastError()).contains("store is down");
        assertThat(degraded.buffered()).isEqualTo(11);
        assertThat(degraded.dropped()).isEqualTo(20);
        assertThat(store.written()).isEmpty();

        store.down = false;

        await().until(() -> store.written().size() == 11);
        EventLog.Status recovered = log.status();
        assertThat(recovered.degraded()).isFalse();
        assertThat(recovered.lastError()).isNull();
        assertThat(recovered.dropped()).as("the count of drops stays for operators").isEqualTo(20);
        assertThat(recovered.buffered()).isZero();
        assertThat(store.written()).extracting(entry -> ((KafkaLogEntry) entry).offset())
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void aTableWrittenBeforeAnotherFailedIsNotWrittenAgain() {
        store.failingTable = LogTable.NOTIFICATION_LOGS;
        store.checkFails = true;
        log = start(100, 10, Duration.ofMillis(20));

        log.record(kafka(1));
        log.record(notification());
        await().until(() -> store.failedAppends > 1);
        store.failingTable = null;

        await().until(() -> store.written().size() == 2);
        assertThat(store.written()).extracting(LogEntry::table)
                .containsExactlyInAnyOrder(LogTable.KAFKA_LOGS, LogTable.NOTIFICATION_LOGS);
    }

    @Test
    void aBatchTheStoreKeepsRefusingWhileItAnswersIsDroppedSoTheLogGoesOn() {
        store.failingTable = LogTable.APPLICATION_LOGS;
        log = start(100, 1, Duration.ofMillis(20));

        log.record(new ApplicationLogEntry(UUID.randomUUID(), Instant.now(), "WARN", "a", "refused", "t", "", ""));
        log.record(kafka(1));

        await().until(() -> store.written().size() == 1);
        assertThat(store.failedAppends).isEqualTo(EventLog.MAX_REFUSALS);
        assertThat(log.status().dropped()).isEqualTo(1);
        assertThat(log.status().degraded()).as("a later write succeeded").isFalse();
    }

    @Test
    void aStoreThatIsDownKeepsItsBatchHoweverOftenItFails() {
        store.down = true;
        log = start(100, 10, Duration.ofMillis(20));
        log.record(kafka(1));

        await().until(() -> store.failedPrepares > EventLog.MAX_REFUSALS * 2);
        store.down = false;

        await().until(() -> store.written().size() == 1);
        assertThat(log.status().dropped()).isZero();
    }

    @Test
    void entriesPastTheirRetentionAreDeletedByTheWriter() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        log = new EventLog(store, new EventLog.Settings(100, 10, Duration.ofMillis(20), Duration.ofMillis(10),
                Duration.ofDays(30)), Clock.fixed(now, java.time.ZoneOffset.UTC));
        log.start();
        log.record(kafka(1));

        await().until(() -> !store.purges.isEmpty());
        assertThat(store.purges).as("once per hour of the clock, which stands still here")
                .containsExactly(now.minus(Duration.ofDays(30)));
    }

    @Test
    void withoutRetentionNothingIsDeleted() {
        log = start(100, 1, Duration.ofMillis(20));
        log.record(kafka(1));

        await().until(() -> store.written().size() == 1);
        assertThat(log.flush(Duration.ofSeconds(1))).isTrue();
        assertThat(store.purges).isEmpty();
    }

    @Test
    void recordingNeverBlocksNorThrowsEvenWhenTheStoreFails() {
        store.down = true;
        log = start(3, 1, Duration.ofMillis(20));

        for (int i = 0; i < 1_000; i++) {
            log.record(kafka(i));
        }

        assertThat(log.status().dropped()).isGreaterThanOrEqualTo(996);
    }

    @Test
    void aStoreThatIsNotReadyAtStartIsPreparedOnceItAnswers() {
        store.down = true;
        log = start(100, 10, Duration.ofMillis(20));
        log.record(kafka(1));
        await().until(() -> store.failedPrepares > 0);

        store.down = false;

        await().until(() -> store.written().size() == 1);
        assertThat(store.prepares).isEqualTo(1);
    }

    @Test
    void closingWritesWhatIsBufferedAndThenTakesNoMore() {
        log = start(100, 50, Duration.ofHours(1));
        for (int i = 0; i < 7; i++) {
            log.record(kafka(i));
        }

        log.close(Duration.ofSeconds(5));
        log.record(kafka(99));

        assertThat(store.written()).hasSize(7);
        assertThat(log.status().dropped()).isEqualTo(1);
    }

    @Test
    void aFlushWritesWhatIsBufferedInFullBatches() {
        store.down = true;
        log = start(100, 10, Duration.ofHours(1));
        for (int i = 0; i < 25; i++) {
            log.record(kafka(i));
        }
        await().until(() -> log.status().degraded());
        store.down = false;

        assertThat(log.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(store.appendSizes).containsExactly(10, 10, 5);
    }

    @Test
    void flushWaitsUntilEverythingIsWritten() {
        log = start(100, 50, Duration.ofHours(1));
        log.record(kafka(1));

        assertThat(log.flush(Duration.ofSeconds(5))).isTrue();
        assertThat(store.written()).hasSize(1);
    }

    private EventLog start(int capacity, int batchSize, Duration flushInterval) {
        EventLog started = new EventLog(store,
                new EventLog.Settings(capacity, batchSize, flushInterval, Duration.ofMillis(10)), Clock.systemUTC());
        started.start();
        return started;
    }

    private static KafkaLogEntry kafka(long offset) {
        return new KafkaLogEntry(UUID.randomUUID(), Instant.now(), KafkaLogEntry.CONSUME, "orders", 0, offset, "k",
                "e", "order.created", "g", "success", 1, "", 1, Instant.now(), "");
    }

    private static NotificationLogEntry notification() {
        return new NotificationLogEntry(UUID.randomUUID(), Instant.now(), "n", "o", "order.paid", "log", "r", 1,
                "sent", 0, "", 1);
    }

    /** A store that can be down as a whole or refuse one table. */
    private static final class FlakyStore implements EventLogStore {
        final List<Integer> appendSizes = new CopyOnWriteArrayList<>();
        private final List<LogEntry> written = Collections.synchronizedList(new ArrayList<>());
        volatile boolean down;
        volatile LogTable failingTable;
        volatile boolean checkFails;
        final List<Instant> purges = new CopyOnWriteArrayList<>();
        volatile int failedAppends;
        volatile int failedPrepares;
        volatile int prepares;

        List<LogEntry> written() {
            synchronized (written) {
                return List.copyOf(written);
            }
        }

        @Override
        public String describe() {
            return "flaky";
        }

        @Override
        public void prepare() {
            if (down) {
                failedPrepares++;
                throw new IllegalStateException("store is down");
            }
            prepares++;
        }

        @Override
        public void append(LogTable table, List<? extends LogEntry> entries) {
            if (down || table == failingTable) {
                failedAppends++;
                throw new IllegalStateException("store is down");
            }
            appendSizes.add(entries.size());
            written.addAll(entries);
        }

        @Override
        public List<Map<String, Object>> find(LogQuery query) {
            return List.of();
        }

        @Override
        public LogStats stats(LogQuery query) {
            return new LogStats(query.table().tableName(), 0, Map.of(), null);
        }

        @Override
        public void purgeBefore(Instant cutoff) {
            purges.add(cutoff);
        }

        @Override
        public void check() {
            if (down || checkFails) {
                throw new IllegalStateException("store is down");
            }
        }
    }
}
