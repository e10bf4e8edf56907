package dev.atelier.bootstrap.relay;

import dev.atelier.application.messaging.CommitSignal;
import dev.atelier.application.messaging.OutboxRelay;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Runs the outbox relay on a thread of its own: batches back to back while there is a backlog; when the
 * outbox is empty it sleeps until this process commits outbox rows, with a fallback poll for rows written by a
 * process without a relay; when another instance holds the relay lock it tries again shortly, since that
 * relay may have read its last batch before this instance's rows were committed; after a failure (broker
 * or database away) it pauses so the log is not flooded. Stops with the service, finishing the batch in hand.
 */
@Singleton
@Requires(property = "atelier.messaging.relay.enabled", notEquals = "false")
class OutboxRelayWorker extends BackgroundWorker {

    /** Short against a batch's publication, long against a transaction that only tries the lock. */
    static final Duration LOCK_RETRY = Duration.ofMillis(20);

    private final OutboxRelay relay;
    private final CommitSignal commits;
    private final Duration fallbackPoll;
    private boolean lockHeldElsewhere;

    OutboxRelayWorker(OutboxRelay relay, CommitSignal commits,
                      @Value("${atelier.messaging.relay.fallback-poll:1s}") Duration fallbackPoll,
                      @Value("${atelier.messaging.relay.failure-pause:2s}") Duration failurePause,
                      @Value("${atelier.shutdown-timeout:30s}") Duration shutdownTimeout) {
        super("outbox-relay", failurePause, shutdownTimeout);
        this.relay = relay;
        this.commits = commits;
        this.fallbackPoll = fallbackPoll;
    }

    @Override
    protected boolean round() {
        OutboxRelay.Round round = relay.relayOnce();
        lockHeldElsewhere = round.lockHeldElsewhere();
        return round.published() > 0;
    }

    /** Nothing published: try the lock again soon, or sleep until a commit (or the fallback poll). */
    @Override
    protected void idle() throws InterruptedException {
        if (lockHeldElsewhere) {
            Thread.sleep(LOCK_RETRY.toMillis());
        } else {
            commits.await(fallbackPoll);
        }
    }
}
