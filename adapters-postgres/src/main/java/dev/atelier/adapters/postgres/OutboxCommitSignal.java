package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.CommitSignal;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this process's relay when a transaction that wrote outbox rows has committed. The signal is raised
 * in the process, after the commit returned, rather than by a PostgreSQL {@code NOTIFY} from a trigger: a
 * transaction that notifies takes a lock shared by the whole server at commit and keeps it until its commit
 * record is on disk, so every such commit waits for the one before it, each with a disk flush of its own. On
 * this service's 2-core reference machine that halved PostgreSQL's rate of two-insert transactions (about
 * 8,000/s to 3,700/s) and cost order intake two fifths of its rate.
 * <p>
 * Each instance's relay is woken by its own commits; since any relay publishes the oldest events whoever wrote
 * them, and a relay that found another holding the lock tries again shortly, nothing waits for the fallback
 * poll but rows written by a process without a relay (the CLI, an instance with its relay off).
 */
@Singleton
class OutboxCommitSignal implements CommitSignal {

    private final Object monitor = new Object();
    private boolean committed;

    /** Called after a commit that wrote outbox rows. */
    void committed() {
        synchronized (monitor) {
            committed = true;
            monitor.notifyAll();
        }
    }

    /** Signals seen before the wait count: a commit made while the relay was busy is not missed. */
    @Override
    public boolean await(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        synchronized (monitor) {
            while (!committed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            committed = false;
            return true;
        }
    }
}
