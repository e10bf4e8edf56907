package dev.atelier.bootstrap.relay;

import dev.atelier.application.messaging.Inbox;
import dev.atelier.application.shared.UnitOfWork;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes inbox entries recorded longer ago than their retention: every few minutes, on a thread of its own,
 * whatever the load. (Tidying only when the relay found nothing to publish meant never under steady load, and
 * the table grew without end.) It deletes in transactions of at most {@link #BATCH} rows, so that no delete
 * holds its locks, or its write-ahead log, for long, and goes on at once while a batch comes back full.
 * (The outbox needs no such care: the relay deletes what it published.)
 */
@Singleton
@Requires(property = "atelier.messaging.relay.enabled", notEquals = "false")
class RetentionWorker extends BackgroundWorker {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionWorker.class);
    static final int BATCH = 5_000;
    static final Duration EVERY = Duration.ofMinutes(5);
    /** Short, so that stopping the service never waits long for this thread. */
    private static final Duration NAP = Duration.ofSeconds(1);

    private final UnitOfWork unitOfWork;
    private final Inbox inbox;
    private final Clock clock;
    private final Duration inboxRetention;
    private Instant nextRun = Instant.EPOCH;
    private long forgotten;

    RetentionWorker(UnitOfWork unitOfWork, Inbox inbox, Clock clock,
                    @Value("${atelier.messaging.inbox.retention:14d}") Duration inboxRetention,
                    @Value("${atelier.messaging.relay.failure-pause:2s}") Duration failurePause,
                    @Value("${atelier.shutdown-timeout:30s}") Duration shutdownTimeout) {
        super("retention", failurePause, shutdownTimeout);
        this.unitOfWork = unitOfWork;
        this.inbox = inbox;
        this.clock = clock;
        this.inboxRetention = inboxRetention;
    }

    /** One batch when a run is due; true while a batch came back full, so the next follows at once. */
    @Override
    protected boolean round() {
        Instant now = clock.instant();
        if (now.isBefore(nextRun)) {
            return false;
        }
        int entries = unitOfWork.inTransaction(() -> inbox.purge(now.minus(inboxRetention), BATCH));
        forgotten += entries;
        if (entries == BATCH) {
            return true;
        }
        nextRun = now.plus(EVERY);
        if (forgotten > 0) {
            LOG.info("Deleted {} inbox entries older than {}", forgotten, inboxRetention);
        }
        forgotten = 0;
        return false;
    }

    @Override
    protected void idle() throws InterruptedException {
        Thread.sleep(NAP.toMillis());
    }
}
