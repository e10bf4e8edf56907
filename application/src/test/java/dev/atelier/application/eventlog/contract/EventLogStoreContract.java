package dev.atelier.application.eventlog.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atelier.application.eventlog.ApplicationLogEntry;
import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.KafkaLogEntry;
import dev.atelier.application.eventlog.LogColumn;
import dev.atelier.application.eventlog.LogEntry;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogStats;
import dev.atelier.application.eventlog.LogTable;
import dev.atelier.application.eventlog.NotificationLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every event-log store must do, stated once: hold every column of every table exactly, filter, order,
 * limit and count the same way, and compute latency percentiles by the same definition. A store's test
 * extends this class and hands out an empty, prepared store per test; both the ClickHouse and the
 * PostgreSQL store pass it, which is what lets a view give the same answer whichever is attached.
 */
public abstract class EventLogStoreContract {

    /** Strings that break naive quoting in SQL, JSON or CSV. */
    protected static final String AWKWARD = "it's a \"quote\", a back\\slash \\' \\\\, a\nnew line, a carriage\rreturn, a\ttab, ünïcødé ✓ 😀";

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

    /** An empty store whose schema is prepared; called before every test. */
    protected abstract EventLogStore emptyStore();

    private EventLogStore store;

    @BeforeEach
    void prepare() {
        store = emptyStore();
    }

    @Test
    void preparingAgainKeepsWhatIsThere() {
        store.append(LogTable.KAFKA_LOGS, List.of(consumed("success", "orders", 5, T0)));
        store.prepare();
        store.prepare();
        assertThat(store.find(LogQuery.all(LogTable.KAFKA_LOGS))).hasSize(1);
    }

    @Test
    void holdsEveryColumnOfEveryTableExactly() {
        KafkaLogEntry kafka = new KafkaLogEntry(UUID.randomUUID(), T0, "consume", "orders." + AWKWARD, 5,
                9_876_543_210_123L, "key " + AWKWARD, UUID.randomUUID().toString(), "order.created",
                "atelier.sagas", "dlq", 3, "Boom: " + AWKWARD, 1_234_567L, T0.minusMillis(42), "trace-1");
        NotificationLogEntry notification = new NotificationLogEntry(UUID.randomUUID(), T0.plusSeconds(1),
                UUID.randomUUID().toString(), "order-1", "order.paid", "webhook", "https://example.test/" + AWKWARD,
                2, "retried", 503, AWKWARD, 87L);
        ApplicationLogEntry application = new ApplicationLogEntry(UUID.randomUUID(), T0.plusSeconds(2), "ERROR",
                "dev.atelier.Some", AWKWARD, "worker-1", "java.lang.IllegalStateException: " + AWKWARD
                + "\n\tat dev.atelier.Some.run(Some.java:1)", "");

        for (LogEntry entry : List.of(kafka, notification, application)) {
            store.append(entry.table(), List.of(entry));
            assertThat(store.find(LogQuery.all(entry.table())))
                    .as(entry.table().tableName())
                    .containsExactly(row(entry));
        }
    }

    @Test
    void writesManyEntriesInOneRequest() {
        List<KafkaLogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            entries.add(consumed("success", "orders", i, T0.plusMillis(i)));
        }
        store.append(LogTable.KAFKA_LOGS, entries);

        assertThat(store.stats(LogQuery.all(LogTable.KAFKA_LOGS)).total()).isEqualTo(2_000);
        assertThat(store.find(LogQuery.all(LogTable.KAFKA_LOGS).limit(1)).get(0).get("offset")).isEqualTo(1_999L);
    }

    /**
     * Characters outside the Basic Multilingual Plane take two Java chars; a writer that streams a large
     * batch in chunks must not split such a pair at a chunk's end. One of the two batches puts a pair across
     * every even boundary, the other across every odd one.
     */
    @Test
    void everyCharacterOfALargeBatchArrivesWhole() {
        List<String> messages = new ArrayList<>();
        for (int shift = 0; shift < 2; shift++) {
            List<ApplicationLogEntry> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String message = "x".repeat(shift) + "😀".repeat(5_000) + " " + shift + "/" + i;
                messages.add(message);
                batch.add(new ApplicationLogEntry(UUID.randomUUID(), T0.plusMillis(shift * 100L + i), "WARN",
                        "dev.atelier.Some", message, "worker-1", "", ""));
            }
            store.append(LogTable.APPLICATION_LOGS, batch);
        }

        assertThat(store.find(LogQuery.all(LogTable.APPLICATION_LOGS).limit(50)))
                .extracting(row -> (String) row.get("message"))
                .containsExactlyInAnyOrderElementsOf(messages);
    }

    /** PostgreSQL's text cannot hold NUL; a batch with one must not be refused, so every store keeps U+FFFD. */
    @Test
    void aNulCharacterArrivesAsTheReplacementCharacterAndItsBatchWhole() {
        KafkaLogEntry withNul = new KafkaLogEntry(UUID.randomUUID(), T0, KafkaLogEntry.CONSUME, "orders", 0, 7,
                "key\0", UUID.randomUUID().toString(), "order.\0created", "atelier.sagas", "dlq", 1,
                "unreadable: \0\0", 12, T0.minusMillis(5), "");
        NotificationLogEntry notification = new NotificationLogEntry(UUID.randomUUID(), T0, "n-1", "order\0",
                "order.paid", "webhook", "https://example.test/\0", 1, "failed", 0, "refused \0", 3);
        KafkaLogEntry plain = consumed("success", "orders", 8, T0.plusMillis(1));
        store.append(LogTable.KAFKA_LOGS, List.of(withNul, plain));
        store.append(LogTable.NOTIFICATION_LOGS, List.of(notification));

        assertThat(store.find(LogQuery.all(LogTable.KAFKA_LOGS))).containsExactlyInAnyOrder(row(withNul), row(plain));
        Map<String, Object> stored = store.find(LogQuery.all(LogTable.KAFKA_LOGS).where("status", "dlq")).get(0);
        assertThat(stored.get("message_key")).isEqualTo("key\uFFFD");
        assertThat(stored.get("event_type")).isEqualTo("order.\uFFFDcreated");
        assertThat(stored.get("error")).isEqualTo("unreadable: \uFFFD\uFFFD");
        assertThat(store.find(LogQuery.all(LogTable.NOTIFICATION_LOGS))).containsExactly(row(notification));
        assertThat(store.find(LogQuery.all(LogTable.NOTIFICATION_LOGS)).get(0).get("recipient"))
                .isEqualTo("https://example.test/\uFFFD");
    }

    @Test
    void anEntryWrittenTwiceIsThereOnce() {
        List<KafkaLogEntry> entries = List.of(consumed("success", "orders", 1, T0), consumed("dlq", "orders", 2, T0));
        store.append(LogTable.KAFKA_LOGS, entries);
        store.append(LogTable.KAFKA_LOGS, entries);

        assertThat(store.find(LogQuery.all(LogTable.KAFKA_LOGS))).hasSize(2);
        LogStats stats = store.stats(LogQuery.all(LogTable.KAFKA_LOGS));
        assertThat(stats.total()).isEqualTo(2);
        assertThat(stats.countsBy().get("status")).isEqualTo(Map.of("success", 1L, "dlq", 1L));
    }

    @Test
    void filtersByEachFilterColumn() {
        store.append(LogTable.KAFKA_LOGS, List.of(
                consumed("success", "orders", 1, T0),
                consumed("dlq", "orders", 2, T0),
                consumed("success", "designs", 3, T0),
                published("success", "orders", 4, T0)));

        LogQuery all = LogQuery.all(LogTable.KAFKA_LOGS);
        assertThat(offsets(all.where("status", "success"))).containsExactlyInAnyOrder(1L, 3L, 4L);
        assertThat(offsets(all.where("topic", "orders"))).containsExactlyInAnyOrder(1L, 2L, 4L);
        assertThat(offsets(all.where("topic", "orders").where("status", "success"))).containsExactlyInAnyOrder(1L, 4L);
        assertThat(offsets(all.where("direction", "produce"))).containsExactly(4L);
        assertThat(offsets(all.where("consumer_group", "atelier.sagas"))).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(offsets(all.where("event_type", "order.created"))).hasSize(4);
        assertThat(offsets(all.where("event_type", "order.paid"))).isEmpty();
        assertThat(offsets(all.where("status", "SUCCESS"))).as("values match exactly").isEmpty();
    }

    @Test
    void aFilterValueIsDataNeverQueryText() {
        KafkaLogEntry awkward = new KafkaLogEntry(UUID.randomUUID(), T0, "consume", AWKWARD, 0, 7, "k", "e",
                "t", "g", "success", 1, "", 0, T0, "");
        store.append(LogTable.KAFKA_LOGS, List.of(awkward, consumed("success", "orders", 8, T0)));

        LogQuery all = LogQuery.all(LogTable.KAFKA_LOGS);
        assertThat(offsets(all.where("topic", AWKWARD))).containsExactly(7L);
        assertThat(offsets(all.where("topic", "x' OR '1'='1"))).isEmpty();
        assertThat(offsets(all.where("topic", "x\\' OR 1=1 --"))).isEmpty();
        assertThat(offsets(all.where("topic", "%"))).isEmpty();
    }

    @Test
    void aTimeRangeIncludesItsStartAndExcludesItsEnd() {
        store.append(LogTable.KAFKA_LOGS, List.of(
                consumed("success", "orders", 1, T0.minusMillis(1)),
                consumed("success", "orders", 2, T0),
                consumed("success", "orders", 3, T0.plusMillis(999)),
                consumed("success", "orders", 4, T0.plusSeconds(1))));

        LogQuery all = LogQuery.all(LogTable.KAFKA_LOGS);
        assertThat(offsets(all.between(T0, T0.plusSeconds(1)))).containsExactlyInAnyOrder(2L, 3L);
        assertThat(offsets(all.between(T0.plusMillis(1), null))).containsExactlyInAnyOrder(3L, 4L);
        assertThat(offsets(all.between(null, T0))).containsExactly(1L);
        assertThat(store.stats(all.between(T0, T0.plusSeconds(1))).total()).isEqualTo(2);
    }

    @Test
    void newestFirstTiesByEntryIdThenLimited() {
        List<KafkaLogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            entries.add(consumed("success", "orders", i, T0.plusMillis(i % 10)));
        }
        Collections.shuffle(entries, new Random(7));
        store.append(LogTable.KAFKA_LOGS, entries);

        List<KafkaLogEntry> expected = entries.stream()
                .sorted((a, b) -> {
                    int byTime = b.loggedAt().compareTo(a.loggedAt());
                    return byTime != 0 ? byTime : b.entryId().toString().compareTo(a.entryId().toString());
                })
                .limit(12)
                .toList();
        assertThat(store.find(LogQuery.all(LogTable.KAFKA_LOGS).limit(12)))
                .containsExactlyElementsOf(expected.stream().map(EventLogStoreContract::row).toList());
    }

    @Test
    void countsByEachFilterColumnAndComputesLatencyPercentiles() {
        List<KafkaLogEntry> entries = new ArrayList<>();
        for (int latency = 1; latency <= 100; latency++) {
            String status = latency <= 70 ? "success" : latency <= 90 ? "retried" : "dlq";
            String topic = latency % 2 == 0 ? "orders" : "sagas";
            entries.add(new KafkaLogEntry(UUID.randomUUID(), T0.plusMillis(latency), "consume", topic, 0, latency,
                    "k", UUID.randomUUID().toString(), latency % 4 == 0 ? "order.paid" : "order.created",
                    "atelier.sagas", status, 1, "", latency, T0, ""));
        }
        entries.add(published("success", "orders", 500, T0));
        Collections.shuffle(entries, new Random(11));
        store.append(LogTable.KAFKA_LOGS, entries);

        LogStats stats = store.stats(LogQuery.all(LogTable.KAFKA_LOGS).where("direction", "consume"));

        assertThat(stats.table()).isEqualTo("kafka_logs");
        assertThat(stats.total()).isEqualTo(100);
        assertThat(stats.countsBy().get("status")).isEqualTo(Map.of("success", 70L, "retried", 20L, "dlq", 10L));
        assertThat(stats.countsBy().get("topic")).isEqualTo(Map.of("orders", 50L, "sagas", 50L));
        assertThat(stats.countsBy().get("event_type")).isEqualTo(Map.of("order.paid", 25L, "order.created", 75L));
        assertThat(stats.countsBy().get("consumer_group")).isEqualTo(Map.of("atelier.sagas", 100L));
        assertThat(stats.countsBy().get("direction")).isEqualTo(Map.of("consume", 100L));
        // Position floor(q·n) of 1..100 counted from 0: p50 → 51, p95 → 96, p99 → 100.
        assertThat(stats.latency()).isEqualTo(new LogStats.Latency(100, 51, 96, 100, 100));

        LogStats everything = store.stats(LogQuery.all(LogTable.KAFKA_LOGS));
        assertThat(everything.total()).isEqualTo(101);
        assertThat(everything.countsBy().get("consumer_group"))
                .as("empty values are not counted").isEqualTo(Map.of("atelier.sagas", 100L));
        assertThat(everything.latency().count()).isEqualTo(101);
    }

    @Test
    void statisticsOfNothingAreZero() {
        LogStats stats = store.stats(LogQuery.all(LogTable.KAFKA_LOGS));

        assertThat(stats.total()).isZero();
        assertThat(stats.latency()).isNull();
        assertThat(stats.countsBy()).containsOnlyKeys(LogTable.KAFKA_LOGS.filterColumns());
        assertThat(stats.countsBy().values()).allSatisfy(counts -> assertThat(counts).isEmpty());
    }

    @Test
    void aTableWithoutLatencyHasNoPercentiles() {
        store.append(LogTable.APPLICATION_LOGS, List.of(
                new ApplicationLogEntry(UUID.randomUUID(), T0, "WARN", "a.B", "careful", "main", "", ""),
                new ApplicationLogEntry(UUID.randomUUID(), T0, "ERROR", "a.B", "broken", "main", "", ""),
                new ApplicationLogEntry(UUID.randomUUID(), T0, "WARN", "a.C", "careful", "main", "", "")));

        LogStats stats = store.stats(LogQuery.all(LogTable.APPLICATION_LOGS));

        assertThat(stats.total()).isEqualTo(3);
        assertThat(stats.countsBy()).isEqualTo(Map.of(
                "level", Map.of("WARN", 2L, "ERROR", 1L),
                "logger", Map.of("a.B", 2L, "a.C", 1L)));
        assertThat(stats.latency()).isNull();
        assertThat(store.find(LogQuery.all(LogTable.APPLICATION_LOGS).where("level", "ERROR")))
                .extracting(row -> row.get("message")).containsExactly("broken");
    }

    @Test
    void theTablesAreSeparate() {
        store.append(LogTable.KAFKA_LOGS, List.of(consumed("success", "orders", 1, T0)));

        assertThat(store.find(LogQuery.all(LogTable.NOTIFICATION_LOGS))).isEmpty();
        assertThat(store.find(LogQuery.all(LogTable.APPLICATION_LOGS))).isEmpty();
    }

    @Test
    void entriesLoggedBeforeTheCutoffAreDeletedFromEveryTable() {
        store.append(LogTable.KAFKA_LOGS, List.of(
                consumed("success", "orders", 1, T0.minusSeconds(86_400)),
                consumed("success", "orders", 2, T0.minusMillis(1)),
                consumed("success", "orders", 3, T0),
                consumed("success", "orders", 4, T0.plusSeconds(1))));
        store.append(LogTable.APPLICATION_LOGS, List.of(
                new ApplicationLogEntry(UUID.randomUUID(), T0.minusSeconds(5), "WARN", "a.B", "old", "main", "", ""),
                new ApplicationLogEntry(UUID.randomUUID(), T0, "WARN", "a.B", "kept", "main", "", "")));

        store.purgeBefore(T0);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(offsets(LogQuery.all(LogTable.KAFKA_LOGS))).containsExactlyInAnyOrder(3L, 4L);
            assertThat(store.find(LogQuery.all(LogTable.APPLICATION_LOGS)))
                    .extracting(row -> row.get("message")).containsExactly("kept");
        });
    }

    @Test
    void answersWhenReachable() {
        store.check();
        assertThat(store.describe()).isNotBlank();
    }

    private List<Long> offsets(LogQuery query) {
        return store.find(query.limit(LogQuery.MAX_LIMIT)).stream().map(row -> (Long) row.get("offset")).toList();
    }

    protected static KafkaLogEntry consumed(String status, String topic, long offset, Instant at) {
        return new KafkaLogEntry(UUID.randomUUID(), at, KafkaLogEntry.CONSUME, topic, (int) (offset % 3), offset,
                "key-" + offset, UUID.randomUUID().toString(), "order.created", "atelier.sagas", status, 1, "",
                offset, at.minusMillis(5), "");
    }

    protected static KafkaLogEntry published(String status, String topic, long offset, Instant at) {
        return new KafkaLogEntry(UUID.randomUUID(), at, KafkaLogEntry.PRODUCE, topic, 0, offset, "key-" + offset,
                UUID.randomUUID().toString(), "order.created", "", status, 1, "", 3, at.minusMillis(3), "");
    }

    /** The row a store must return for an entry: every column, in order, typed as {@link LogColumn} says. */
    protected static Map<String, Object> row(LogEntry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        List<LogColumn> columns = entry.table().columns();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i).name(), entry.values().get(i));
        }
        return row;
    }
}
