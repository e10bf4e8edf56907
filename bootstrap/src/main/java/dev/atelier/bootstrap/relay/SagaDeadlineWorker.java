package dev.atelier.bootstrap.relay;

import dev.atelier.application.sagas.SagaOrchestration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires saga deadlines: every check it takes the overdue sagas (skipping those another instance is
 * handling) and lets each re-send its command or compensate. Deadlines are stored with the saga, so a
 * restart, even after kill -9, picks up exactly where the saga was.
 */
@Singleton
class SagaDeadlineWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SagaDeadlineWorker.class);
    private static final int BATCH = 100;

    private final SagaOrchestration orchestration;
    private final Duration checkEvery;
    private volatile boolean running;
    private Thread thread;

    SagaDeadlineWorker(SagaOrchestration orchestration,
                       @Value("${atelier.sagas.deadline-check:500ms}") Duration checkEvery) {
        this.orchestration = orchestration;
        this.checkEvery = checkEvery;
    }

    @EventListener
    synchronized void onStartup(StartupEvent event) {
        if (thread == null) {
            running = true;
            thread = new Thread(this::run, "saga-deadlines");
            thread.start();
        }
    }

    private void run() {
        while (running) {
            try {
                if (orchestration.fireDeadlines(BATCH) < BATCH) {
                    Thread.sleep(checkEvery.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Firing saga deadlines failed, trying again: {}", e.getMessage());
                try {
                    Thread.sleep(checkEvery.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            // No interrupt: a batch in hand finishes its transaction; the loop ends within one check interval.
            thread.join(10_000);
            thread = null;
        }
    }
}
