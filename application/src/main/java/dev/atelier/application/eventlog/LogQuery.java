package dev.atelier.application.eventlog;

import dev.atelier.domain.shared.InvalidValueException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a view asks of one log table: equality filters on its filter columns, a time range on
 * {@code logged_at} ({@code from} inclusive, {@code to} exclusive, either may be null) and a row limit.
 * Statistics ignore the limit.
 */
public record LogQuery(LogTable table, Map<String, String> filters, Instant from, Instant to, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    public LogQuery {
        if (table == null) {
            throw new InvalidValueException("table", "table must be one of " + LogTable.names());
        }
        filters = new TreeMap<>(filters);
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            if (!table.filterColumns().contains(filter.getKey())) {
                throw new InvalidValueException(filter.getKey(), table.tableName() + " cannot be filtered by '"
                        + filter.getKey() + "'; it can be filtered by " + table.filterColumns());
            }
            if (filter.getValue() == null || filter.getValue().length() > 500) {
                throw new InvalidValueException(filter.getKey(), filter.getKey() + " must be 0 to 500 characters");
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidValueException("from", "from must be before to");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        from = from == null ? null : LogEntry.millis(from);
        to = to == null ? null : LogEntry.millis(to);
    }

    public static LogQuery all(LogTable table) {
        return new LogQuery(table, Map.of(), null, null, DEFAULT_LIMIT);
    }

    public LogQuery where(String column, String value) {
        Map<String, String> more = new TreeMap<>(filters);
        more.put(column, value);
        return new LogQuery(table, more, from, to, limit);
    }

    public LogQuery between(Instant newFrom, Instant newTo) {
        return new LogQuery(table, filters, newFrom, newTo, limit);
    }

    public LogQuery limit(int newLimit) {
        return new LogQuery(table, filters, from, to, newLimit);
    }
}
