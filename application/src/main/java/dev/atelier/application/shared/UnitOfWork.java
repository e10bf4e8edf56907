package dev.atelier.application.shared;

import java.util.function.Supplier;

/**
 * Runs work atomically: every port call inside {@code work} commits together or not at all. This is what
 * lets a state change and the event it causes (in the outbox) never be separated.
 */
public interface UnitOfWork {

    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code action} once the transaction in progress has committed, and never if it rolls back; with no
     * transaction in progress, at once. For effects outside the database that must follow only what really
     * happened, such as metrics. An action that fails is logged; it does not undo or fail the committed work,
     * and the actions after it still run.
     */
    void afterCommit(Runnable action);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
