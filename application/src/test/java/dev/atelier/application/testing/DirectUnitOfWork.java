package dev.atelier.application.testing;

import dev.atelier.application.shared.UnitOfWork;
import java.util.function.Supplier;

/** A unit of work without a transaction, for tests of code that only needs to be called inside one. */
public final class DirectUnitOfWork implements UnitOfWork {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }

    @Override
    public void afterCommit(Runnable action) {
        action.run();
    }
}
