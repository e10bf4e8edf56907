package dev.atelier.adapters.postgres;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.ConnectionStatus;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Gives repositories the connection of the transaction in progress, or a short-lived one for a read made
 * outside any transaction. SQL errors leave as {@link DataAccessException}.
 */
@Singleton
class JdbcSession {

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

    private static <T> T run(SqlWork<T> work, Connection connection) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DataAccessException("SQL failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
