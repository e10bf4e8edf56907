package dev.atelier.bootstrap.relay;

import dev.atelier.application.messaging.OutboxRelay;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the outbox relay on a thread of its own: batches back to back while there is a backlog, a short
 * pause when the outbox is empty, a longer one after a failure (broker or database away) so the log is not
 * flooded. Stops with the service, finishing the batch in hand.
 */
@Singleton
@Requires(property = "atelier.messaging.relay.enabled", notEquals = "false")
class OutboxRelayWorker {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayWorker.class);

    private final OutboxRelay relay;
    private final Duration idlePause;
    private final Duration failurePause;
    private volatile boolean running;
    private Thread thread;

    OutboxRelayWorker(OutboxRelay relay,
                      @Value("${atelier.messaging.relay.idle-pause:100ms}") Duration idlePause,
                      @Value("${atelier.messaging.relay.failure-pause:2s}") Duration failurePause) {
        this.relay = relay;
        this.idlePause = idlePause;
        this.failurePause = failurePause;
    }

    @EventListener
    synchronized void onStartup(StartupEvent event) {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                if (relay.relayOnce() == 0) {
                    pause(idlePause);
                }
            } catch (RuntimeException e) {
                LOG.warn("Outbox relay failed, retrying in {}: {}", failurePause, e.getMessage());
                pause(failurePause);
            }
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(Duration.ofSeconds(30).toMillis());
            thread = null;
        }
    }
}
