package dev.atelier.benchmark;

import dev.atelier.adapters.clickhouse.ClickHouseTestServer;
import dev.atelier.adapters.postgres.JdbcEventLogStore;
import dev.atelier.application.eventlog.EventLog;
import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.KafkaLogEntry;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import dev.atelier.bootstrap.embedded.EmbeddedInfrastructure;
import dev.atelier.bootstrap.embedded.RunMode;
import dev.atelier.bootstrap.testing.Directories;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How fast the event log writes through its buffered writer, into PostgreSQL (embedded mode) and into a real
 * ClickHouse server (the Debian 18.16 the tests use), and how long its views take over what was written.
 * Arguments: {@code [entries, default 200000] [batch size, default 20000, the service's EVENT_LOG_BATCH_SIZE]}.
 */
public final class EventLogBenchmark {

    private static final String[] STATUSES = {"success", "success", "success", "skipped", "duplicate", "retried", "dlq"};
    private static final String[] TOPICS = {"orders", "sagas", "designs", "notifications", "inventory.commands"};

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        System.out.printf("Atelier event-log benchmark: %,d kafka_logs entries, batches of %,d, %d cores%n", entries,
                batch, Runtime.getRuntime().availableProcessors());
        System.out.printf("heap per buffered entry: about %,d bytes (what sizes EVENT_LOG_BUFFER_CAPACITY)%n",
                bytesPerEntry(entries));
        Path dataDir = Files.createTempDirectory("atelier-log-bench");
        try (EmbeddedInfrastructure postgres = EmbeddedInfrastructure.start(new RunMode(false, true, dataDir, 19092, 0))) {
            String url = (String) postgres.properties().get("datasources.default.url");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url);
            dataSource.setUser((String) postgres.properties().get("datasources.default.username"));
            dataSource.setPassword((String) postgres.properties().get("datasources.default.password"));
            Flyway.configure().dataSource(dataSource).load().migrate();
            measure(new JdbcEventLogStore(dataSource, "postgresql"), entries, batch);
        } finally {
            Directories.deleteRecursively(dataDir);
        }
        ClickHouseTestServer clickHouse = ClickHouseTestServer.shared();
        measure(clickHouse.preparedStore(ClickHouseTestServer.uniqueDatabase("bench")), entries, batch);
        System.out.println(BenchmarkSupport.memory());
        System.exit(0);
    }

    private static void measure(EventLogStore store, int count, int batch) {
        List<KafkaLogEntry> entries = entries(count);
        EventLog log = new EventLog(store, new EventLog.Settings(count, batch, Duration.ofSeconds(1),
                Duration.ofMillis(200)), Clock.systemUTC());
        log.start();
        long started = System.nanoTime();
        entries.forEach(log::record);
        long recorded = System.nanoTime();
        boolean flushed = log.flush(Duration.ofMinutes(10));
        long written = System.nanoTime();
        log.close(Duration.ofSeconds(5));
        System.out.printf("%s%n  recording: %s (caller side, never waits on the store)%n  written: %s%s%n",
                store.describe(), BenchmarkSupport.rate(count, recorded - started),
                BenchmarkSupport.rate(count, written - started), flushed ? "" : " (NOT all written)");

        LogQuery all = LogQuery.all(LogTable.KAFKA_LOGS);
        System.out.printf("  stats over all entries: %s%n", timings(() -> store.stats(all)));
        System.out.printf("  stats of one topic and status: %s%n",
                timings(() -> store.stats(all.where("topic", "orders").where("status", "dlq"))));
        System.out.printf("  newest 50 with status dlq: %s%n", timings(() -> store.find(all.where("status", "dlq"))));
    }

    /** Heap held by entries like the service's, measured as the growth of the used heap after collections. */
    private static long bytesPerEntry(int count) {
        Runtime runtime = Runtime.getRuntime();
        long before = usedAfterCollection(runtime);
        List<KafkaLogEntry> held = entries(count);
        long after = usedAfterCollection(runtime);
        return held.isEmpty() ? 0 : (after - before) / held.size();
    }

    private static long usedAfterCollection(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String timings(Runnable query) {
        long[] nanos = new long[7];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            query.run();
            nanos[i] = System.nanoTime() - started;
        }
        java.util.Arrays.sort(nanos);
        return String.format(java.util.Locale.ROOT, "median %.1f ms, max %.1f ms (%d runs)", nanos[nanos.length / 2] / 1e6,
                nanos[nanos.length - 1] / 1e6, nanos.length);
    }

    private static List<KafkaLogEntry> entries(int count) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant start = Instant.now().minusSeconds(3_600);
        List<KafkaLogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant at = start.plusMillis(i / 10);
            String status = STATUSES[random.nextInt(STATUSES.length)];
            entries.add(new KafkaLogEntry(TimeOrderedIds.at(at), at, i % 3 == 0 ? "produce" : "consume",
                    TOPICS[random.nextInt(TOPICS.length)], random.nextInt(6), i, UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), "order.created", i % 3 == 0 ? "" : "sagas-orders", status, 1,
                    status.equals("dlq") ? "IllegalStateException: out of luck" : "", random.nextInt(1, 200),
                    at.minusMillis(20), "4bf92f3577b34da6a3ce929d0e0e4736"));
        }
        return entries;
    }
}
