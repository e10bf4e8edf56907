package dev.atelier.bootstrap.relay;

import dev.atelier.application.messaging.CommitSignal;
import dev.atelier.application.messaging.Inbox;
import dev.atelier.application.messaging.OutboxRelay;
import dev.atelier.application.messaging.PendingEvents;
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
 * Runs the outbox relay on a thread of its own: batches back to back while there is a backlog; when the
 * outbox is empty it sleeps until PostgreSQL signals a commit (LISTEN/NOTIFY), with a fallback poll in case
 * a signal is lost or another instance holds the relay lock; after a failure (broker or database away) it
 * pauses so the log is not flooded. Now and then it deletes outbox events published, and inbox entries
 * recorded, longer ago than their retention.
 * Stops with the service, finishing the batch in hand.
 */
@Singleton
@Requires(property = "atelier.messaging.relay.enabled", notEquals = "false")
class OutboxRelayWorker extends BackgroundWorker {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayWorker.class);
    private static final Duration HOUSEKEEPING_EVERY = Duration.ofMinutes(5);

    private final OutboxRelay relay;
    private final CommitSignal commits;
    private final UnitOfWork unitOfWork;
    private final PendingEvents outbox;
    private final Inbox inbox;
    private final Clock clock;
    private final Duration fallbackPoll;
    private final Duration retention;
    private final Duration inboxRetention;
    private Instant nextHousekeeping = Instant.EPOCH;

    OutboxRelayWorker(OutboxRelay relay, CommitSignal commits, UnitOfWork unitOfWork, PendingEvents outbox, Inbox inbox,
                      Clock clock,
                      @Value("${atelier.messaging.relay.fallback-poll:1s}") Duration fallbackPoll,
                      @Value("${atelier.messaging.relay.failure-pause:2s}") Duration failurePause,
                      @Value("${atelier.messaging.relay.retention:7d}") Duration retention,
                      @Value("${atelier.messaging.inbox.retention:14d}") Duration inboxRetention,
                      @Value("${atelier.shutdown-timeout:30s}") Duration shutdownTimeout) {
        super("outbox-relay", failurePause, shutdownTimeout);
        this.relay = relay;
        this.commits = commits;
        this.unitOfWork = unitOfWork;
        this.outbox = outbox;
        this.inbox = inbox;
        this.clock = clock;
        this.fallbackPoll = fallbackPoll;
        this.retention = retention;
        this.inboxRetention = inboxRetention;
    }

    @Override
    protected boolean round() {
        return relay.relayOnce() > 0;
    }

    /** Nothing to publish: tidy up now and then, then sleep until a commit is signalled (or the fallback poll). */
    @Override
    protected void idle() throws InterruptedException {
        housekeepingNowAndThen();
        commits.await(fallbackPoll);
    }

    private void housekeepingNowAndThen() {
        Instant now = clock.instant();
        if (now.isBefore(nextHousekeeping)) {
            return;
        }
        nextHousekeeping = now.plus(HOUSEKEEPING_EVERY);
        int purged = unitOfWork.inTransaction(() -> outbox.purgePublished(now.minus(retention)));
        int forgotten = unitOfWork.inTransaction(() -> inbox.purge(now.minus(inboxRetention)));
        if (purged + forgotten > 0) {
            LOG.info("Deleted {} outbox events published more than {} ago and {} inbox entries older than {}", purged,
                    retention, forgotten, inboxRetention);
        }
    }
}
