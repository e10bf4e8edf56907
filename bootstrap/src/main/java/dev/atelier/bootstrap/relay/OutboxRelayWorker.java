package dev.atelier.bootstrap.relay;

import dev.atelier.application.messaging.CommitSignal;
import dev.atelier.application.messaging.OutboxRelay;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Runs the outbox relay on a thread of its own: batches back to back while there is a backlog; when the
 * outbox is empty it sleeps until PostgreSQL signals a commit (LISTEN/NOTIFY), with a fallback poll in case
 * a signal is lost or another instance holds the relay lock; after a failure (broker or database away) it
 * pauses so the log is not flooded. Stops with the service, finishing the batch in hand.
 */
@Singleton
@Requires(property = "atelier.messaging.relay.enabled", notEquals = "false")
class OutboxRelayWorker extends BackgroundWorker {

    private final OutboxRelay relay;
    private final CommitSignal commits;
    private final Duration fallbackPoll;

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
        return relay.relayOnce() > 0;
    }

    /** Nothing to publish: sleep until a commit is signalled (or the fallback poll). */
    @Override
    protected void idle() throws InterruptedException {
        commits.await(fallbackPoll);
    }
}
