package dev.atelier.benchmark;

import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * What the whole system spends per finished order over one phase of the benchmark: events published,
 * deliveries handled, event-log entries, database transactions, rows written and statements run, and CPU time
 * in this JVM (service, embedded broker and benchmark client) and in the embedded PostgreSQL. It turns a
 * throughput figure into the cost that explains it.
 */
final class OrderFootprint {

    private static final String JIT = "jit";
    private static final String GC = "gc";
    /** USER_HZ, which Linux fixes at 100 for what /proc reports. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final DataSource database;
    private final EventLogStore eventLog;
    private final Instant since;
    private final Counts before;
    private final long jvmCpuBefore;
    private final Map<String, ThreadCpu> jvmThreadsCpuBefore;
    private final ProcessTreeCpu postgresCpu;
    private final ProcessTreeCpu clickHouseCpu;
    private final boolean statementsCounted;
    /** How many statements each list of them shows. */
    private static final int LISTED_STATEMENTS = 12;

    /** CPU time of one of the JVM's own threads, {@link #JIT} or {@link #GC}. */
    private record ThreadCpu(String kind, long nanos) {
    }

    private record Counts(long transactions, long rowsWritten, Map<String, Long> rowsWrittenByTable,
                          long eventsPublished, long walBytes, long walFullPageImages, long walSyncs) {
    }

    private OrderFootprint(DataSource database, Path postgresData, EventLogStore eventLog) throws SQLException {
        this.database = database;
        this.eventLog = eventLog;
        this.statementsCounted = resetStatementCounts(database);
        this.since = Instant.now();
        this.before = counts();
        this.jvmCpuBefore = BenchmarkSupport.processCpuNanos();
        this.jvmThreadsCpuBefore = jvmThreadsCpuNanos();
        this.postgresCpu = ProcessTreeCpu.from(postgresData.toString(), "postgres");
        // The test harness's ClickHouse server, when the benchmark writes the event log there.
        this.clickHouseCpu = ProcessTreeCpu.from("atelier-clickhouse-test", "clickhouse-server");
    }

    /** @param eventLog the store the service writes its event log to, where its entries are counted */
    static OrderFootprint start(DataSource database, Path postgresData, EventLogStore eventLog) throws SQLException {
        return new OrderFootprint(database, postgresData, eventLog);
    }

    /** Prints the footprint of {@code finishedOrders}, counting everything since {@link #start}. */
    void print(long finishedOrders) throws Exception {
        long jvmCpu = BenchmarkSupport.processCpuNanos() - jvmCpuBefore;
        Map<String, ThreadCpu> jvmThreadsCpu = jvmThreadsCpuNanos();
        long compiling = spentSince(jvmThreadsCpuBefore, jvmThreadsCpu, JIT);
        long collecting = spentSince(jvmThreadsCpuBefore, jvmThreadsCpu, GC);
        long postgresCpu = this.postgresCpu.spentNanos();
        long clickHouseCpu = this.clickHouseCpu.found() ? this.clickHouseCpu.spentNanos() : 0;
        Thread.sleep(2_000); // the event log writes in batches, at least once a second
        Counts after = counts();
        double orders = Math.max(1, finishedOrders);
        // Read before the counting below, whose queries (the event log's over all its entries) are the benchmark's.
        String statements = statementsCounted ? frequentStatements(orders) + slowestStatements(orders) : "";
        System.out.printf(Locale.ROOT, "per finished order: %.1f events published, %.1f deliveries handled (skipped ones"
                        + " not counted), %.1f event-log entries, %.2f database transactions, %.0f rows written%n",
                (after.eventsPublished() - before.eventsPublished()) / orders,
                since("SELECT count(*) FROM inbox WHERE processed_at >= ?") / orders,
                eventLog.stats(LogQuery.all(LogTable.KAFKA_LOGS).between(since, Instant.now().plusSeconds(1))).total()
                        / orders,
                (after.transactions() - before.transactions()) / orders,
                (after.rowsWritten() - before.rowsWritten()) / orders);
        System.out.println("  rows written per order, by table: " + after.rowsWrittenByTable().entrySet().stream()
                .map(table -> Map.entry(table.getKey(),
                        (table.getValue() - before.rowsWrittenByTable().getOrDefault(table.getKey(), 0L)) / orders))
                .filter(table -> table.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(table -> String.format(Locale.ROOT, "%s %.1f", table.getKey(), table.getValue()))
                .collect(Collectors.joining(", ")));
        System.out.print(statements);
        // With fsync on, every commit waits for the write-ahead log to reach the disk: its volume per order and
        // the disk's synchronous write rate bound what a machine does, as much as its CPU.
        System.out.printf(Locale.ROOT, "  write-ahead log per order: %.1f KB, %.2f full-page images; %.2f WAL syncs"
                        + " to disk%n", (after.walBytes() - before.walBytes()) / 1024.0 / orders,
                (after.walFullPageImages() - before.walFullPageImages()) / orders,
                (after.walSyncs() - before.walSyncs()) / orders);
        System.out.printf(Locale.ROOT, "CPU per finished order: %.2f ms in this JVM (service, broker, benchmark client;"
                + " of it %.2f ms JIT compiling and %.2f ms collecting garbage), %.2f ms in PostgreSQL (its processes"
                + " still running at the end)%s%n", jvmCpu / 1e6 / orders, compiling / 1e6 / orders,
                collecting / 1e6 / orders, postgresCpu / 1e6 / orders, !this.clickHouseCpu.found() ? ""
                        : String.format(Locale.ROOT, ", %.2f ms in ClickHouse", clickHouseCpu / 1e6 / orders));
    }

    /**
     * Starts counting statements afresh with pg_stat_statements, which the embedded PostgreSQL loads; false when
     * it cannot (another PostgreSQL, without it).
     */
    private static boolean resetStatementCounts(DataSource database) {
        try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            statement.execute("SELECT pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            System.out.println("  (statements not counted: " + e.getMessage() + ")");
            return false;
        }
    }

    /**
     * Statements per order, and the most frequent ones with the rows each call touched: a statement of one row per
     * call is one round trip and one executor run for one row, which is where batching has something to win.
     */
    private String frequentStatements(double orders) throws SQLException {
        Listing listing = listStatements("calls", orders, (calls, rows, time) -> String.format(Locale.ROOT,
                "%5.2f per order, %6.1f rows each", calls / orders, calls == 0 ? 0.0 : (double) rows / calls));
        return String.format(Locale.ROOT, "  statements per order: %.1f in all (BEGIN included; COMMIT is not counted);"
                + " the most frequent:%s%n", listing.perOrder(), listing.lines());
    }

    /**
     * The statements PostgreSQL spent the most time executing, per order. Once the counts are down, this says where
     * the database's time goes: executing is wall time (it includes waiting for a page to be read or for a lock),
     * not CPU, but the two rank statements alike on a machine whose database fits in memory.
     */
    private String slowestStatements(double orders) throws SQLException {
        Listing listing = listStatements("total_exec_time", orders, (calls, rows, time) -> String.format(Locale.ROOT,
                "%5.3f ms per order, %6.3f ms per call", time / orders, time / Math.max(1, calls)));
        return String.format(Locale.ROOT, "  time executing statements per order: %.2f ms in all; the longest:%s%n",
                listing.perOrder(), listing.lines());
    }

    /** What one line of {@link #listStatements} says of a statement before its text. */
    @FunctionalInterface
    private interface StatementFigures {
        String describe(long calls, long rows, double totalExecMillis);
    }

    /** A column's sum over all statements per order, and a line for each statement with the most of it. */
    private record Listing(double perOrder, String lines) {
    }

    /** The statements with the most of {@code column} in pg_stat_statements. */
    private Listing listStatements(String column, double orders, StatementFigures figures) throws SQLException {
        try (Connection db = database.getConnection(); Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT calls, rows, total_exec_time, sum(" + column + ") OVER (),"
                     + " regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements WHERE dbid = (SELECT oid FROM"
                     + " pg_database WHERE datname = current_database()) ORDER BY " + column + " DESC LIMIT "
                     + LISTED_STATEMENTS)) {
            StringBuilder lines = new StringBuilder();
            double all = 0;
            while (rows.next()) {
                all = rows.getDouble(4) / orders;
                String query = rows.getString(5);
                lines.append("\n    ").append(figures.describe(rows.getLong(1), rows.getLong(2), rows.getDouble(3)))
                        .append(": ").append(query.length() > 90 ? query.substring(0, 89) + "…" : query);
            }
            return new Listing(all, lines.toString());
        }
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
        try (Connection db = database.getConnection()) {
            long transactions;
            long rows;
            try (PreparedStatement query = db.prepareStatement("SELECT xact_commit, tup_inserted + tup_updated"
                    + " + tup_deleted FROM pg_stat_database WHERE datname = current_database()");
                 ResultSet row = query.executeQuery()) {
                row.next();
                transactions = row.getLong(1);
                rows = row.getLong(2);
            }
            Map<String, Long> byTable = new HashMap<>();
            long events = 0;
            // The relay deletes an event's outbox row once the broker has it: deleted rows are published events.
            try (PreparedStatement query = db.prepareStatement("SELECT relname, n_tup_ins + n_tup_upd + n_tup_del,"
                    + " n_tup_del FROM pg_stat_user_tables");
                 ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    byTable.put(row.getString(1), row.getLong(2));
                    if (row.getString(1).equals("outbox")) {
                        events = row.getLong(3);
                    }
                }
            }
            try (PreparedStatement query = db.prepareStatement("SELECT wal_bytes, wal_fpi, wal_sync FROM pg_stat_wal");
                 ResultSet row = query.executeQuery()) {
                row.next();
                return new Counts(transactions, rows, byTable, events, row.getLong(1), row.getLong(2), row.getLong(3));
            }
        }
    }

    /**
     * CPU time of this JVM's own compiler and garbage-collector threads by thread id, read from /proc because
     * the JVM's management beans do not show those threads (the compilers' "total compilation time" is elapsed
     * time, which on two busy cores is mostly waiting). Empty off Linux.
     */
    private static Map<String, ThreadCpu> jvmThreadsCpuNanos() {
        Map<String, ThreadCpu> cpu = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String kind = name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") ? JIT
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") ? GC : null;
                if (kind != null) {
                    // fields after the name: state is 3rd, utime 14th and stime 15th, in clock ticks
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    cpu.put(task.getFileName().toString(),
                            new ThreadCpu(kind, ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not on Linux, or a thread ended while being read: the breakdown is then partial
        }
        return cpu;
    }

    /**
     * What threads of {@code kind} spent between the two readings. The JVM starts and ends compiler threads as
     * the work comes and goes: a thread that started meanwhile counts from zero, and what a thread that ended
     * meanwhile spent is not seen, so this can read low, never high.
     */
    private static long spentSince(Map<String, ThreadCpu> before, Map<String, ThreadCpu> after, String kind) {
        return after.entrySet().stream().filter(thread -> thread.getValue().kind().equals(kind))
                .mapToLong(thread -> thread.getValue().nanos()
                        - before.getOrDefault(thread.getKey(), new ThreadCpu(kind, 0)).nanos())
                .sum();
    }
}
