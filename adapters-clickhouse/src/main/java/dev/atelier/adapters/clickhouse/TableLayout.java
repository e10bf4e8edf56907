package dev.atelier.adapters.clickhouse;

import static dev.atelier.adapters.clickhouse.ClickHouseSql.identifier;

import dev.atelier.application.eventlog.LogColumn;
import dev.atelier.application.eventlog.LogTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one log table is kept in ClickHouse. Every {@link LogColumn} becomes one column of the same name, except
 * a time: ClickHouse's {@code DateTime} holds whole seconds only, and 18.16 has no {@code DateTime64}, so a
 * time {@code x} is kept twice, as {@code x DateTime('UTC')} for partitioning and {@code x_ms UInt64} holding
 * the exact milliseconds, which is what is read back and filtered on.
 *
 * <p>The engine is a {@code ReplacingMergeTree} ordered by {@code (logged_at, entry_id)}: an entry written twice
 * has the same key both times, and reading with {@code FINAL} shows it once.
 */
final class TableLayout {

    static final String LOGGED_AT = "logged_at";
    static final String ENTRY_ID = "entry_id";
    static final String EXACT_TIME_SUFFIX = "_ms";

    private final LogTable table;
    private final String qualifiedName;
    private final Map<String, LogColumn> columnsByName;

    TableLayout(String database, LogTable table) {
        this.table = table;
        this.qualifiedName = identifier(database) + "." + identifier(table.tableName());
        this.columnsByName = new LinkedHashMap<>();
        table.columns().forEach(column -> columnsByName.put(column.name(), column));
    }

    LogTable table() {
        return table;
    }

    /** {@code `database`.`table`}, with {@code FINAL} added wherever rows are read. */
    String qualifiedName() {
        return qualifiedName;
    }

    /** Column name to ClickHouse type, in table order, as they are created. */
    Map<String, String> storedColumns() {
        Map<String, String> stored = new LinkedHashMap<>();
        for (LogColumn column : table.columns()) {
            switch (column.type()) {
                case STRING -> stored.put(column.name(), "String");
                case INT -> stored.put(column.name(), "Int32");
                case LONG -> stored.put(column.name(), "Int64");
                case TIME -> {
                    stored.put(column.name(), "DateTime('UTC')");
                    stored.put(exactTime(column.name()), "UInt64");
                }
            }
        }
        return stored;
    }

    String createStatement() {
        String columns = storedColumns().entrySet().stream()
                .map(column -> identifier(column.getKey()) + " " + column.getValue())
                .collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName + " (" + columns + ")"
                + " ENGINE = ReplacingMergeTree"
                + " PARTITION BY toYYYYMM(" + identifier(LOGGED_AT) + ")"
                + " ORDER BY (" + identifier(LOGGED_AT) + ", " + identifier(ENTRY_ID) + ")";
    }

    /** The statement the rows of an insert follow, naming every stored column. */
    String insertStatement() {
        String columns = storedColumns().keySet().stream()
                .map(ClickHouseSql::identifier)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + qualifiedName + " (" + columns + ") FORMAT JSONEachRow";
    }

    /** The columns a read returns: one per {@link LogColumn}, a time read from its exact column. */
    String selectList() {
        List<String> selected = new ArrayList<>();
        for (LogColumn column : table.columns()) {
            selected.add(identifier(column.type() == LogColumn.Type.TIME ? exactTime(column.name()) : column.name()));
        }
        return String.join(", ", selected);
    }

    /**
     * A column's value as text, for equality filters and counting; only columns of this table are accepted,
     * so no name from a request reaches the SQL.
     */
    String textOf(String columnName) {
        LogColumn column = columnsByName.get(columnName);
        if (column == null) {
            throw new IllegalArgumentException(table.tableName() + " has no column '" + columnName + "'");
        }
        return switch (column.type()) {
            case STRING -> identifier(column.name());
            case INT, LONG -> "toString(" + identifier(column.name()) + ")";
            case TIME -> throw new IllegalArgumentException(
                    "time column '" + columnName + "' is filtered by a range, not by a value");
        };
    }

    static String exactTime(String timeColumn) {
        return timeColumn + EXACT_TIME_SUFFIX;
    }
}
