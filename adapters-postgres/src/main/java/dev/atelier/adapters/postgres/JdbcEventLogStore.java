package dev.atelier.adapters.postgres;

import dev.atelier.application.eventlog.EventLogStore;
import dev.atelier.application.eventlog.LogColumn;
import dev.atelier.application.eventlog.LogEntry;
import dev.atelier.application.eventlog.LogQuery;
import dev.atelier.application.eventlog.LogStats;
import dev.atelier.application.eventlog.LogTable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * The event log in PostgreSQL, for the embedded mode. The tables come from the Flyway migrations, like the
 * rest of the schema. Writes use connections of their own, never a business transaction's.
 */
public final class JdbcEventLogStore implements EventLogStore {

    private static final String SQL_STATE_UNDEFINED_TABLE = "42P01";
    private static final String SQL_STATE_UNIQUE_VIOLATION = "23505";
    private static final String SQL_STATE_QUERY_CANCELED = "57014";

    /** What {@link #JdbcEventLogStore(DataSource, String)} gives a query of the views. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final String description;
    private final Duration queryTimeout;

    public JdbcEventLogStore(DataSource dataSource, String description) {
        this(dataSource, description, DEFAULT_QUERY_TIMEOUT);
    }

    /**
     * @param dataSource   the service's data source; the store unwraps it, because the bean Micronaut injects
     *                     only hands out the connection of a transaction in progress
     * @param queryTimeout how long one statement of the views ({@link #find}, {@link #stats}) may run before
     *                     PostgreSQL stops it, 1 ms at least. The log shares the database and its connection
     *                     pool with the business, and counting or ranking tens of millions of entries takes
     *                     minutes, each a connection the business does not have (SPEC: the log never slows a
     *                     business flow).
     */
    public JdbcEventLogStore(DataSource dataSource, String description, Duration queryTimeout) {
        if (queryTimeout.toMillis() < 1 || queryTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the event log's query timeout must be 1 ms to " + Integer.MAX_VALUE
                    + " ms (what PostgreSQL's statement_timeout takes), got " + queryTimeout);
        }
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.description = description;
        this.queryTimeout = queryTimeout;
    }

    @Override
    public String describe() {
        return description;
    }

    /** Flyway creates and versions the tables before the service starts; here it is only verified. */
    @Override
    public void prepare() {
        run(connection -> {
            for (LogTable table : LogTable.values()) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT 1 FROM " + table.tableName() + " LIMIT 0")) {
                    statement.execute();
                } catch (SQLException e) {
                    if (SQL_STATE_UNDEFINED_TABLE.equals(e.getSQLState())) {
                        throw new IllegalStateException(table.tableName() + " is missing: the database schema is "
                                + "older than this version of the service", e);
                    }
                    throw e;
                }
            }
            return null;
        });
    }

    /**
     * A batch goes in with {@code COPY}, PostgreSQL's bulk-load path: no statement to plan and no value to
     * cast from an array (under the orders benchmark it took two fifths less database time than the
     * {@code unnest} insert). COPY cannot skip rows that are already there, so when a batch meets an entry
     * written before (the writer retries a batch whose answer it never got), the batch is written again by an
     * insert that skips them.
     */
    @Override
    public void append(LogTable table, List<? extends LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        // Each entry builds its values afresh on every call: take them once.
        List<List<Object>> rows = entries.stream().map(LogEntry::values).toList();
        run(connection -> {
            try {
                copy(connection, table, rows);
            } catch (SQLException e) {
                if (!SQL_STATE_UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                insertSkippingWritten(connection, table, rows);
            }
            return null;
        });
    }

    private static void copy(Connection connection, LogTable table, List<List<Object>> rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * 256);
        for (List<Object> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    text.append('\t');
                }
                appendCopyText(text, row.get(c).toString());
            }
            text.append('\n');
        }
        try {
            // Bytes, not a Reader: the driver encodes a Reader in chunks of 64K chars and turns a character
            // outside the BMP that straddles two chunks into "??". The driver always talks UTF-8.
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table.tableName() + " ("
                    + columnList(table) + ") FROM STDIN (ENCODING 'UTF8')",
                    new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new SQLException("cannot stream the batch to PostgreSQL", e);
        }
    }

    /**
     * COPY's text format: a backslash, and the tab, newline and carriage return that delimit, are escaped.
     * The text between them goes in as whole runs: appending it a character at a time took a tenth of the JVM's
     * profile samples under load.
     */
    private static void appendCopyText(StringBuilder text, String value) {
        int plainFrom = 0;
        for (int i = 0; i < value.length(); i++) {
            String escaped = switch (value.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escaped != null) {
                text.append(value, plainFrom, i).append(escaped);
                plainFrom = i + 1;
            }
        }
        text.append(value, plainFrom, value.length());
    }

    /**
     * One statement per batch: every column travels as one text array, and {@code unnest} turns the arrays
     * back into rows; entries already there are skipped.
     */
    private static void insertSkippingWritten(Connection connection, LogTable table, List<List<Object>> rows)
            throws SQLException {
        List<LogColumn> columns = table.columns();
        String sql = "INSERT INTO " + table.tableName() + " (" + columnList(table) + ") SELECT "
                + IntStream.range(0, columns.size()).mapToObj(c -> "c" + c + "::" + sqlType(columns.get(c)))
                        .collect(Collectors.joining(", "))
                + " FROM unnest(" + String.join(", ", Collections.nCopies(columns.size(), "?::text[]"))
                + ") AS r(" + IntStream.range(0, columns.size()).mapToObj(c -> "c" + c)
                        .collect(Collectors.joining(", "))
                + ") ON CONFLICT (entry_id) DO NOTHING";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int c = 0; c < columns.size(); c++) {
                String[] values = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    values[r] = rows.get(r).get(c).toString();
                }
                statement.setArray(c + 1, connection.createArrayOf("text", values));
            }
            statement.executeUpdate();
        }
    }

    @Override
    public List<Map<String, Object>> find(LogQuery query) {
        Where where = Where.of(query);
        String sql = "SELECT " + columnList(query.table()) + " FROM " + query.table().tableName() + where.sql
                + " ORDER BY logged_at DESC, entry_id DESC LIMIT " + query.limit();
        return read(connection -> {
            try (PreparedStatement statement = where.prepare(connection, sql);
                 ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    rows.add(row(query.table(), result));
                }
                return rows;
            }
        });
    }

    @Override
    public LogStats stats(LogQuery query) {
        LogTable table = query.table();
        Where where = Where.of(query);
        Map<String, Map<String, Long>> countsBy = new LinkedHashMap<>();
        table.filterColumns().forEach(column -> countsBy.put(column, new LinkedHashMap<>()));
        String counts = table.filterColumns().stream()
                .map(column -> "SELECT '" + column + "' AS by_column, " + column + " AS value, count(*) AS n FROM "
                        + table.tableName() + where.and(column + " <> ''") + " GROUP BY " + column)
                .collect(Collectors.joining(" UNION ALL "));
        return read(connection -> {
            long total;
            try (PreparedStatement statement = where.prepare(connection,
                    "SELECT count(*) FROM " + table.tableName() + where.sql);
                 ResultSet result = statement.executeQuery()) {
                result.next();
                total = result.getLong(1);
            }
            try (PreparedStatement statement = where.prepareRepeated(connection, counts,
                    table.filterColumns().size());
                 ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    countsBy.get(result.getString(1)).put(result.getString(2), result.getLong(3));
                }
            }
            LogStats.Latency latency = total > 0 && table.hasLatency() ? latency(connection, table, where) : null;
            return new LogStats(table.tableName(), total, countsBy, latency);
        });
    }

    /**
     * Percentile q is the value at position floor(q·n), counting from 0, of the sorted latencies; the
     * multiplication is done in double precision, as ClickHouse's {@code quantileExact} does it, so both
     * stores pick the same position.
     */
    private static LogStats.Latency latency(Connection connection, LogTable table, Where where) throws SQLException {
        String sql = "SELECT max(n), "
                + "max(latency_ms) FILTER (WHERE i = floor(0.5::float8 * n)), "
                + "max(latency_ms) FILTER (WHERE i = floor(0.95::float8 * n)), "
                + "max(latency_ms) FILTER (WHERE i = floor(0.99::float8 * n)), "
                + "max(latency_ms) "
                + "FROM (SELECT latency_ms, row_number() OVER (ORDER BY latency_ms) - 1 AS i, count(*) OVER () AS n "
                + "FROM " + table.tableName() + where.sql + ") AS ranked";
        try (PreparedStatement statement = where.prepare(connection, sql);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return new LogStats.Latency(result.getLong(1), result.getLong(2), result.getLong(3), result.getLong(4),
                    result.getLong(5));
        }
    }

    @Override
    public void purgeBefore(Instant cutoff) {
        run(connection -> {
            for (LogTable table : LogTable.values()) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM " + table.tableName() + " WHERE logged_at < ?")) {
                    statement.setTimestamp(1, Timestamp.from(cutoff));
                    statement.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void check() {
        run(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
                statement.execute();
            }
            return null;
        });
    }

    private static Map<String, Object> row(LogTable table, ResultSet result) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        int index = 1;
        for (LogColumn column : table.columns()) {
            row.put(column.name(), switch (column.type()) {
                case STRING -> result.getString(index);
                case INT -> result.getInt(index);
                case LONG -> result.getLong(index);
                case TIME -> result.getTimestamp(index).toInstant();
            });
            index++;
        }
        return row;
    }

    private static String columnList(LogTable table) {
        return table.columns().stream().map(column -> quoted(column.name())).collect(Collectors.joining(", "));
    }

    /** {@code offset} is a reserved word in SQL. */
    private static String quoted(String name) {
        return '"' + name + '"';
    }

    private static String sqlType(LogColumn column) {
        if (column.name().equals("entry_id")) {
            return "uuid";
        }
        return switch (column.type()) {
            case STRING -> "text";
            case INT -> "integer";
            case LONG -> "bigint";
            case TIME -> "timestamptz";
        };
    }

    /** The WHERE clause of a query and its parameters; column names come from {@link LogTable} only. */
    private record Where(String sql, List<Object> parameters) {

        static Where of(LogQuery query) {
            List<String> conditions = new ArrayList<>();
            List<Object> parameters = new ArrayList<>();
            query.filters().forEach((column, value) -> {
                conditions.add(quoted(column) + " = ?");
                parameters.add(value);
            });
            if (query.from() != null) {
                conditions.add("logged_at >= ?");
                parameters.add(Timestamp.from(query.from()));
            }
            if (query.to() != null) {
                conditions.add("logged_at < ?");
                parameters.add(Timestamp.from(query.to()));
            }
            return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), parameters);
        }

        String and(String condition) {
            return sql.isEmpty() ? " WHERE " + condition : sql + " AND " + condition;
        }

        PreparedStatement prepare(Connection connection, String statementSql) throws SQLException {
            return prepareRepeated(connection, statementSql, 1);
        }

        /** For a statement that repeats the clause {@code times} times, as a UNION of groupings does. */
        PreparedStatement prepareRepeated(Connection connection, String statementSql, int times) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(statementSql);
            int index = 1;
            for (int time = 0; time < times; time++) {
                for (Object parameter : parameters) {
                    statement.setObject(index++, parameter);
                }
            }
            return statement;
        }
    }

    /**
     * Runs the statements of a view in a read-only transaction of its own, each statement stopped by PostgreSQL
     * after the query timeout ({@link #stats} runs three); a stopped one says how to ask for less. SET LOCAL ends
     * with the transaction, and the pool puts auto-commit and read-only back as it takes the connection back (a
     * connection that is not pooled is closed).
     */
    private <T> T read(JdbcSession.SqlWork<T> work) {
        return run(connection -> {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (Statement limit = connection.createStatement()) {
                limit.execute("SET LOCAL statement_timeout = " + queryTimeout.toMillis());
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException broken) {
                    e.addSuppressed(broken);
                }
                if (SQL_STATE_QUERY_CANCELED.equals(e.getSQLState())) {
                    throw new SQLException("the query ran longer than " + queryTimeout.toMillis() + " ms"
                            + " (EVENT_LOG_QUERY_TIMEOUT) and was stopped; ask for a shorter time (from, to) or"
                            + " filter it", e.getSQLState(), e);
                }
                throw e;
            }
        });
    }

    private <T> T run(JdbcSession.SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return work.apply(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("event log in PostgreSQL failed: " + e.getMessage(), e);
        }
    }
}
