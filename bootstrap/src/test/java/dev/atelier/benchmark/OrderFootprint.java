package dev.atelier.benchmark;

import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What the whole system spends per finished order over one phase of the benchmark: events published,
 * deliveries handled, event-log entries, database transactions and rows written, and CPU time in this JVM
 * (service, embedded broker and benchmark client) and in the embedded PostgreSQL. It turns a throughput
 * figure into the cost that explains it.
 */
final class OrderFootprint {

    private final DataSource database;
    private final Path postgresData;
    private final EventLogStore eventLog;
    private final Instant since;
    private final Counts before;
    private final long jvmCpuBefore;
    private final long postgresCpuBefore;
    private final long clickHouseCpuBefore;

    private record Counts(long transactions, long rowsWritten) {
    }

    private OrderFootprint(DataSource database, Path postgresData, EventLogStore eventLog) throws SQLException {
        this.database = database;
        this.postgresData = postgresData;
        this.eventLog = eventLog;
        this.since = Instant.now();
        this.before = counts();
        this.jvmCpuBefore = jvmCpuNanos();
        this.postgresCpuBefore = postgresCpuNanos();
        this.clickHouseCpuBefore = clickHouseCpuNanos();
    }

    /** @param eventLog the store the service writes its event log to, where its entries are counted */
    static OrderFootprint start(DataSource database, Path postgresData, EventLogStore eventLog) throws SQLException {
        return new OrderFootprint(database, postgresData, eventLog);
    }

    /** Prints the footprint of {@code finishedOrders}, counting everything since {@link #start}. */
    void print(long finishedOrders) throws Exception {
        long jvmCpu = jvmCpuNanos() - jvmCpuBefore;
        long postgresCpu = postgresCpuNanos() - postgresCpuBefore;
        long clickHouseCpu = clickHouseCpuNanos() - clickHouseCpuBefore;
        Thread.sleep(2_000); // the event log writes in batches, at least once a second
        Counts after = counts();
        double orders = Math.max(1, finishedOrders);
        System.out.printf(Locale.ROOT, "per finished order: %.1f events published, %.1f deliveries handled (skipped ones"
                        + " not counted), %.1f event-log entries, %.2f database transactions, %.0f rows written%n",
                since("SELECT count(*) FROM outbox WHERE created_at >= ?") / orders,
                since("SELECT count(*) FROM inbox WHERE processed_at >= ?") / orders,
                eventLog.stats(LogQuery.all(LogTable.KAFKA_LOGS).between(since, Instant.now().plusSeconds(1))).total()
                        / orders,
                (after.transactions() - before.transactions()) / orders,
                (after.rowsWritten() - before.rowsWritten()) / orders);
        System.out.printf(Locale.ROOT, "CPU per finished order: %.2f ms in this JVM (service, broker, benchmark client),"
                + " %.2f ms in PostgreSQL (its processes still running at the end)%s%n", jvmCpu / 1e6 / orders,
                postgresCpu / 1e6 / orders, clickHouseCpuBefore < 0 ? ""
                        : String.format(Locale.ROOT, ", %.2f ms in ClickHouse", clickHouseCpu / 1e6 / orders));
    }

    private long since(String sql) throws SQLException {
        try (Connection db = database.getConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setTimestamp(1, Timestamp.from(since));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private Counts counts() throws SQLException {
        try (Connection db = database.getConnection(); PreparedStatement query = db.prepareStatement("SELECT xact_commit,"
                + " tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = current_database()")) {
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Counts(row.getLong(1), row.getLong(2));
            }
        }
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The postmaster of our data directory and its children (the backends). Backends that ended during the
     * phase take their CPU time with them; the pool keeps its connections, so that is little.
     */
    private long postgresCpuNanos() {
        return cpuOfProcessTree(postgresData.toString(), "postgres");
    }

    /** The test harness's ClickHouse server, when the benchmark writes the event log there; -1 otherwise. */
    private static long clickHouseCpuNanos() {
        return cpuOfProcessTree("atelier-clickhouse-test", "clickhouse-server");
    }

    /** CPU time of the first process whose command ends with {@code command} and mentions {@code marker}; -1 if none. */
    private static long cpuOfProcessTree(String marker, String command) {
        Optional<ProcessHandle> root = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .filter(process -> process.info().command().map(path -> path.endsWith(command)).orElse(false))
                .findFirst();
        return root.map(process -> cpu(process) + process.descendants().mapToLong(OrderFootprint::cpu).sum())
                .orElse(-1L);
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
