package dev.atelier.adapters.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.LogEntry;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogStats;
import dev.atelier.application.eventlog.LogTable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The event log in ClickHouse, over its HTTP interface. Works with ClickHouse 18.16 (Debian's) as well as
 * current releases. Each call is one or two HTTP requests and holds no state between calls, so one instance
 * may be shared by any number of threads.
 */
public final class ClickHouseEventLogStore implements EventLogStore {

    private final ClickHouseHttp http;
    private final String database;
    private final Map<LogTable, TableLayout> layouts = new EnumMap<>(LogTable.class);
    private final SchemaMigrations migrations;

    /**
     * @param url            the HTTP interface, e.g. {@code http://127.0.0.1:8123}
     * @param database       the database holding the log tables; created by {@link #prepare()} when missing
     * @param username       the ClickHouse user; {@code default} when blank
     * @param password       the user's password; empty when null
     * @param requestTimeout how long to wait for a connection, and then for an answer, before giving up
     */
    public ClickHouseEventLogStore(URI url, String database, String username, String password,
                                   Duration requestTimeout) {
        this.http = new ClickHouseHttp(url, username, password, requestTimeout);
        this.database = Objects.requireNonNull(database, "database");
        for (LogTable table : LogTable.values()) {
            layouts.put(table, new TableLayout(database, table));
        }
        this.migrations = new SchemaMigrations(http, database, layouts);
    }

    @Override
    public String describe() {
        return "clickhouse " + http.baseUrl() + " database " + database;
    }

    @Override
    public void prepare() {
        migrations.migrate();
    }

    @Override
    public void append(LogTable table, List<? extends LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        for (LogEntry entry : entries) {
            if (entry.table() != table) {
                throw new IllegalArgumentException("a " + entry.table().tableName() + " entry cannot be appended to "
                        + table.tableName());
            }
        }
        TableLayout layout = layouts.get(table);
        http.send("append " + entries.size() + " entries to " + table.tableName(),
                JsonEachRow.insertBody(layout, entries));
    }

    @Override
    public List<Map<String, Object>> find(LogQuery query) {
        TableLayout layout = layouts.get(query.table());
        String answer = http.execute("read " + query.table().tableName(), LogQuerySql.find(layout, query));
        return JsonEachRow.entries(query.table(), answer);
    }

    @Override
    public LogStats stats(LogQuery query) {
        TableLayout layout = layouts.get(query.table());
        String action = "count " + query.table().tableName();
        JsonNode totals = JsonEachRow.objects(http.execute(action, LogQuerySql.totals(layout, query))).get(0);
        long total = JsonEachRow.field(totals, LogQuerySql.TOTAL).longValue();

        Map<String, Map<String, Long>> countsBy = new LinkedHashMap<>();
        query.table().filterColumns().forEach(column -> countsBy.put(column, new LinkedHashMap<>()));
        if (total == 0) {
            return new LogStats(query.table().tableName(), 0, countsBy, null);
        }
        for (JsonNode row : JsonEachRow.objects(http.execute(action, LogQuerySql.countsByFilterColumn(layout, query)))) {
            countsBy.get(JsonEachRow.field(row, LogQuerySql.COUNTED_COLUMN).textValue())
                    .put(JsonEachRow.field(row, LogQuerySql.COUNTED_VALUE).textValue(),
                            JsonEachRow.field(row, LogQuerySql.ENTRIES).longValue());
        }
        return new LogStats(query.table().tableName(), total, countsBy, latency(query.table(), totals, total));
    }

    private static LogStats.Latency latency(LogTable table, JsonNode totals, long total) {
        if (!table.hasLatency()) {
            return null;
        }
        JsonNode percentiles = JsonEachRow.field(totals, LogQuerySql.PERCENTILES);
        return new LogStats.Latency(total, percentiles.get(0).longValue(), percentiles.get(1).longValue(),
                percentiles.get(2).longValue(), JsonEachRow.field(totals, LogQuerySql.SLOWEST).longValue());
    }

    /**
     * An {@code ALTER TABLE ... DELETE} per table: ClickHouse applies it as a background mutation, which every
     * server from 18.16 on runs (TTL, the natural tool, is not in 18.16).
     */
    @Override
    public void purgeBefore(Instant cutoff) {
        for (TableLayout layout : layouts.values()) {
            http.execute("delete old entries of " + layout.table().tableName(), "ALTER TABLE "
                    + layout.qualifiedName() + " DELETE WHERE logged_at_ms < " + Math.max(0, cutoff.toEpochMilli()));
        }
    }

    @Override
    public void check() {
        String answer = http.execute("check the connection", "SELECT 1");
        if (!answer.strip().equals("1")) {
            throw new IllegalStateException(http.server() + " answered SELECT 1 with '"
                    + ClickHouseException.shorten(answer) + "'");
        }
    }
}
