package dev.atelier.adapters.postgres;

import dev.atelier.application.shared.UnitOfWork;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A unit of work is a database transaction; nested calls join the one already running. */
@Singleton
class JdbcUnitOfWork implements UnitOfWork {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcUnitOfWork.class);

    private final TransactionOperations<Connection> transactions;

    JdbcUnitOfWork(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }

    /**
     * The action runs once the data is saved, so its failure is logged and goes no further: thrown from here,
     * Micronaut would hand it to the caller as if the committed work had failed, and skip the actions after it.
     */
    @Override
    public void afterCommit(Runnable action) {
        Runnable guarded = () -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("An action after a commit failed (the committed work stands): {}", e.toString(), e);
            }
        };
        transactions.findTransactionStatus().ifPresentOrElse(
                status -> status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        guarded.run();
                    }
                }),
                guarded);
    }
}
