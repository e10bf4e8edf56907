package dev.atelier.adapters.clickhouse;

import static dev.atelier.adapters.clickhouse.ClickHouseSql.identifier;
import static dev.atelier.adapters.clickhouse.ClickHouseSql.literal;
import static dev.atelier.adapters.clickhouse.TableLayout.ENTRY_ID;
import static dev.atelier.adapters.clickhouse.TableLayout.LOGGED_AT;
import static dev.atelier.adapters.clickhouse.TableLayout.exactTime;

import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SELECTs that answer a {@link LogQuery}. Every read uses {@code FINAL}, so that an entry written twice
 * is seen and counted once. Filter values are written as escaped literals (18.16 has no query parameters);
 * column names come from {@link TableLayout} only.
 */
final class LogQuerySql {

    static final String TOTAL = "total";
    static final String PERCENTILES = "percentiles";
    static final String SLOWEST = "slowest";
    static final String COUNTED_COLUMN = "counted_column";
    static final String COUNTED_VALUE = "counted_value";
    static final String ENTRIES = "entries";

    private LogQuerySql() {
    }

    /** The newest matching entries first, ties by entry id, at most the query's limit. */
    static String find(TableLayout layout, LogQuery query) {
        String loggedAtMs = identifier(exactTime(LOGGED_AT));
        return "SELECT " + layout.selectList() + " FROM " + layout.qualifiedName() + " FINAL"
                + where(conditions(layout, query))
                + " ORDER BY " + loggedAtMs + " DESC, " + identifier(ENTRY_ID) + " DESC"
                + " LIMIT " + query.limit()
                + " FORMAT JSONEachRow";
    }

    /**
     * How many entries match and, in a table with latency, its percentiles and maximum. {@code quantilesExact}
     * takes the value at position floor(q·n) of the sorted latencies, the definition every store shares.
     */
    static String totals(TableLayout layout, LogQuery query) {
        StringBuilder sql = new StringBuilder("SELECT count() AS ").append(TOTAL);
        if (layout.table().hasLatency()) {
            String latency = identifier(LogTable.LATENCY);
            sql.append(", quantilesExact(0.5, 0.95, 0.99)(").append(latency).append(") AS ").append(PERCENTILES)
                    .append(", max(").append(latency).append(") AS ").append(SLOWEST);
        }
        return sql.append(" FROM ").append(layout.qualifiedName()).append(" FINAL")
                .append(where(conditions(layout, query)))
                .append(" FORMAT JSONEachRow")
                .toString();
    }

    /** The number of matching entries per non-empty value of every filter column, in one request. */
    static String countsByFilterColumn(TableLayout layout, LogQuery query) {
        List<String> groupings = new ArrayList<>();
        for (String column : layout.table().filterColumns()) {
            String value = layout.textOf(column);
            List<String> conditions = conditions(layout, query);
            conditions.add(value + " != ''");
            groupings.add("SELECT " + literal(column) + " AS " + COUNTED_COLUMN + ", " + value + " AS " + COUNTED_VALUE
                    + ", count() AS " + ENTRIES
                    + " FROM " + layout.qualifiedName() + " FINAL" + where(conditions)
                    + " GROUP BY " + COUNTED_VALUE);
        }
        return String.join(" UNION ALL ", groupings) + " FORMAT JSONEachRow";
    }

    private static List<String> conditions(TableLayout layout, LogQuery query) {
        List<String> conditions = new ArrayList<>();
        for (Map.Entry<String, String> filter : query.filters().entrySet()) {
            conditions.add(layout.textOf(filter.getKey()) + " = " + literal(filter.getValue()));
        }
        // The exact bounds are on the milliseconds; the same bounds in whole seconds on the DateTime column
        // add nothing to the answer but let ClickHouse skip partitions and index ranges outside them.
        String loggedAt = identifier(LOGGED_AT);
        String loggedAtMs = identifier(exactTime(LOGGED_AT));
        if (query.from() != null) {
            long fromMs = ClickHouseSql.epochMillis(query.from());
            conditions.add(loggedAt + " >= toDateTime(" + secondOf(fromMs) + ")");
            conditions.add(loggedAtMs + " >= " + fromMs);
        }
        if (query.to() != null) {
            long toMs = ClickHouseSql.epochMillis(query.to());
            conditions.add(loggedAt + " <= toDateTime(" + secondOf(toMs - 1) + ")");
            conditions.add(loggedAtMs + " < " + toMs);
        }
        return conditions;
    }

    /** The whole second holding a millisecond, within what a {@code DateTime} holds. */
    private static long secondOf(long epochMilli) {
        return Math.min(Math.max(0, Math.floorDiv(epochMilli, 1000)), ClickHouseSql.LAST_DATE_TIME_SECOND);
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
