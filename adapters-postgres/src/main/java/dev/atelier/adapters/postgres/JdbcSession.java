package dev.atelier.adapters.postgres;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionStatus;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives repositories the connection of the transaction in progress, or, outside any transaction, a short-lived one
 * on which each statement commits by itself. SQL errors leave as {@link DataAccessException}.
 */
@Singleton
class JdbcSession {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSession.class);
    /** What PostgreSQL says when VACUUM (SKIP_LOCKED) finds the table being vacuumed already. */
    private static final String SQL_STATE_LOCK_NOT_AVAILABLE = "55P03";

    private final ConnectionOperations<Connection> connections;

    JdbcSession(ConnectionOperations<Connection> connections) {
        this.connections = connections;
    }

    <T> T call(SqlWork<T> work) {
        Optional<ConnectionStatus<Connection>> current = connections.findConnectionStatus();
        if (current.isPresent()) {
            return run(work, current.get().getConnection());
        }
        return connections.executeRead(status -> run(work, status.getConnection()));
    }

    /**
     * Like {@link #call}, for work that writes: outside any transaction it runs on a connection that is not marked
     * read-only, in the pool's auto-commit mode (the default, which the configuration keeps), so each statement
     * commits by itself.
     */
    <T> T write(SqlWork<T> work) {
        Optional<ConnectionStatus<Connection>> current = connections.findConnectionStatus();
        if (current.isPresent()) {
            return run(work, current.get().getConnection());
        }
        return connections.execute(ConnectionDefinition.DEFAULT, status -> run(work, status.getConnection()));
    }

    /**
     * Vacuums a queue table (the outbox, the notification queue) that its worker empties as fast as it fills. A
     * plain VACUUM takes no lock that writers wait for; SKIP_LOCKED makes it give way at once to a vacuum already
     * running (autovacuum's, or another instance's), and TRUNCATE false keeps it from shortening the file, which
     * needs a lock that would hold up writers for a moment (the room stays for later rows). Over a queue of a few
     * thousand rows it takes milliseconds. What PostgreSQL warns of (a database user that does not own the table
     * may not vacuum it) and any failure (the database away) are logged, never thrown: the caller's own work is
     * done by then, and it tries again at its next turn; autovacuum goes on regardless.
     */
    void vacuumQueue(String table) {
        try {
            SQLWarning warning = outsideTransaction("VACUUM (SKIP_LOCKED, TRUNCATE false) " + table);
            if (warning != null && SQL_STATE_LOCK_NOT_AVAILABLE.equals(warning.getSQLState())) {
                // SKIP_LOCKED at work: autovacuum (or another instance) is vacuuming it right now.
                LOG.debug("Vacuum of {}: {}", table, warning.getMessage());
            } else if (warning != null) {
                LOG.warn("Vacuum of {}: {}", table, warning.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not vacuum {} ({}); trying again later", table, e.getMessage());
        }
    }

    /**
     * Runs a statement that PostgreSQL refuses inside a transaction block (VACUUM), on a connection of its own
     * in auto-commit mode, whether or not the calling thread is in a transaction.
     *
     * @return the first warning PostgreSQL sent with it, or null
     */
    SQLWarning outsideTransaction(String statement) {
        return connections.execute(ConnectionDefinition.REQUIRES_NEW,
                status -> run(connection -> {
                    try (Statement plain = connection.createStatement()) {
                        plain.execute(statement);
                        return plain.getWarnings();
                    }
                }, status.getConnection()));
    }

    private static <T> T run(SqlWork<T> work, Connection connection) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DataAccessException("SQL failed: " + e.getMessage(), e);
        }
    }

    /** Runs a query and maps every row. Parameters are bound in order; see {@link #bind}. */
    <T> List<T> query(String sql, List<?> parameters, RowMapper<T> mapper) {
        return call(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                List<T> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(mapper.map(result));
                    }
                }
                return rows;
            }
        });
    }

    <T> Optional<T> queryOne(String sql, List<?> parameters, RowMapper<T> mapper) {
        return query(sql, parameters, mapper).stream().findFirst();
    }

    long count(String sql, List<?> parameters) {
        return queryOne(sql, parameters, row -> row.getLong(1)).orElse(0L);
    }

    /**
     * Runs an INSERT, UPDATE or DELETE; returns the number of rows it touched. Outside a transaction it commits by
     * itself (see {@link #write}).
     */
    int update(String sql, Object... parameters) {
        return write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, Arrays.asList(parameters));
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Binds parameters in order; an {@link Instant} becomes a timestamp, an {@link SqlArray} a PostgreSQL array,
     * everything else goes as it is.
     */
    static void bind(PreparedStatement statement, List<?> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof SqlArray array) {
                Connection connection = statement.getConnection();
                statement.setArray(i + 1, connection.createArrayOf(array.type(), array.values().toArray()));
            } else {
                statement.setObject(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
            }
        }
    }

    /**
     * Rows of values turned into one array per column, for statements that take a batch through {@code unnest}.
     * Timestamps go as ISO text, which the statement casts to {@code timestamptz[]}.
     */
    static List<SqlArray> columns(List<List<Object>> rows, List<String> types) {
        List<SqlArray> columns = new ArrayList<>(types.size());
        for (int column = 0; column < types.size(); column++) {
            List<Object> values = new ArrayList<>(rows.size());
            for (List<Object> row : rows) {
                Object value = row.get(column);
                values.add(value instanceof Instant instant ? instant.toString() : value);
            }
            columns.add(new SqlArray(types.get(column), values));
        }
        return columns;
    }

    /** A parameter that goes to PostgreSQL as one array of {@code type} (text, uuid, bigint), for {@code = ANY (?)}. */
    record SqlArray(String type, Collection<?> values) {
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
