package dev.atelier.adapters.postgres;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows that a transaction adds one by one and that are written together, with one statement, just before it
 * commits. A consumer handles a run of a few hundred events in one transaction, and one round trip for all of
 * their rows instead of one each is much of what handling them together saves. The rows keep the order they
 * were added in, and a write that fails fails the commit, so the transaction rolls back as a whole, as it would
 * have with each row written at once. Nothing may read the rows back before the transaction commits. A row
 * added outside any transaction is written at once.
 *
 * @param <R> one row as its writer takes it
 */
final class WrittenAtCommit<R> {

    /** Writes rows, in the order given, on the transaction's connection. */
    @FunctionalInterface
    interface Writer<R> {
        void write(Connection connection, List<R> rows) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;
    private final JdbcSession session;
    private final Writer<R> writer;
    private final Runnable afterCommit;
    private final Map<Connection, PendingRows> pending = new ConcurrentHashMap<>();

    /** @param afterCommit run once the rows are committed (at once for a row written outside a transaction) */
    WrittenAtCommit(TransactionOperations<Connection> transactions, JdbcSession session, Writer<R> writer,
                    Runnable afterCommit) {
        this.transactions = transactions;
        this.session = session;
        this.writer = writer;
        this.afterCommit = afterCommit;
    }

    void add(R row) {
        Optional<? extends TransactionStatus<?>> transaction = transactions.findTransactionStatus();
        if (transaction.isEmpty()) {
            session.write(connection -> {
                writer.write(connection, List.of(row));
                return null;
            });
            afterCommit.run();
            return;
        }
        TransactionStatus<?> status = transaction.get();
        Connection connection = (Connection) status.getConnection();
        pending.computeIfAbsent(connection, key -> {
            PendingRows rows = new PendingRows(key);
            status.registerSynchronization(rows);
            return rows;
        }).add(row);
    }

    /** The rows one transaction added; written before it commits, forgotten however it ends. */
    private final class PendingRows implements TransactionSynchronization {

        private final Connection connection;
        private final List<R> rows = new ArrayList<>();

        PendingRows(Connection connection) {
            this.connection = connection;
        }

        void add(R row) {
            rows.add(row);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            pending.remove(connection);
            try {
                writer.write(connection, rows);
            } catch (SQLException e) {
                throw new DataAccessException("SQL failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void afterCommit() {
            WrittenAtCommit.this.afterCommit.run();
        }

        @Override
        public void afterCompletion(Status status) {
            pending.remove(connection, this);
        }
    }
}
