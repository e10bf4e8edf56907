package dev.atelier.application.eventlog;

import static dev.atelier.application.eventlog.LogColumn.integer;
import static dev.atelier.application.eventlog.LogColumn.number;
import static dev.atelier.application.eventlog.LogColumn.string;
import static dev.atelier.application.eventlog.LogColumn.time;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The three logs, their columns, and the columns a view may filter and count by. This is the schema every
 * store holds; a store adds nothing and leaves nothing out, which is what lets both stores answer the same
 * query with the same rows.
 *
 * <p>Every table starts with {@code entry_id} (unique per entry; a store may use it to ignore an entry written
 * twice) and {@code logged_at}; views return the newest entries first.
 */
public enum LogTable {

    /** Each relay publish and each consume outcome. */
    KAFKA_LOGS("kafka_logs",
            List.of(string("entry_id"), time("logged_at"), string("direction"), string("topic"),
                    integer("partition"), number("offset"), string("message_key"), string("event_id"),
                    string("event_type"), string("consumer_group"), string("status"), integer("attempt"),
                    string("error"), number("latency_ms"), time("event_time"), string("trace_id")),
            List.of("status", "topic", "event_type", "consumer_group", "direction")),

    /** Each notification delivery attempt. */
    NOTIFICATION_LOGS("notification_logs",
            List.of(string("entry_id"), time("logged_at"), string("notification_id"), string("order_id"),
                    string("event_type"), string("channel"), string("recipient"), integer("attempt"),
                    string("status"), integer("http_status"), string("error"), number("latency_ms")),
            List.of("status", "channel", "event_type", "order_id")),

    /** Warnings and errors of the service. */
    APPLICATION_LOGS("application_logs",
            List.of(string("entry_id"), time("logged_at"), string("level"), string("logger"), string("message"),
                    string("thread"), string("exception"), string("trace_id")),
            List.of("level", "logger"));

    /** The column latency percentiles are computed over, in the tables that have it. */
    public static final String LATENCY = "latency_ms";

    private final String tableName;
    private final List<LogColumn> columns;
    private final List<String> filterColumns;

    LogTable(String tableName, List<LogColumn> columns, List<String> filterColumns) {
        this.tableName = tableName;
        this.columns = columns;
        this.filterColumns = filterColumns;
    }

    public String tableName() {
        return tableName;
    }

    public List<LogColumn> columns() {
        return columns;
    }

    /** Columns a view filters on by equality, and that statistics count by. */
    public List<String> filterColumns() {
        return filterColumns;
    }

    public boolean hasLatency() {
        return columns.stream().anyMatch(column -> column.name().equals(LATENCY));
    }

    public static Optional<LogTable> named(String name) {
        return Arrays.stream(values()).filter(table -> table.tableName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(LogTable::tableName).toList();
    }
}
