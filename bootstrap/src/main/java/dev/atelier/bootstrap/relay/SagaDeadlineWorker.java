package dev.atelier.bootstrap.relay;

import dev.atelier.application.sagas.SagaOrchestration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Fires saga deadlines: every check it takes the overdue sagas (skipping those another instance is
 * handling) and lets each re-send its command or compensate. Deadlines are stored with the saga, so a
 * restart, even after kill -9, picks up exactly where the saga was.
 */
@Singleton
@Requires(property = "atelier.sagas.deadlines.enabled", notEquals = "false")
class SagaDeadlineWorker extends BackgroundWorker {

    private static final int BATCH = 100;

    private final SagaOrchestration orchestration;
    private final Duration checkEvery;

    SagaDeadlineWorker(SagaOrchestration orchestration,
                       @Value("${atelier.sagas.deadline-check:500ms}") Duration checkEvery,
                       @Value("${atelier.shutdown-timeout:30s}") Duration shutdownTimeout) {
        super("saga-deadlines", checkEvery, shutdownTimeout);
        this.orchestration = orchestration;
        this.checkEvery = checkEvery;
    }

    @Override
    protected boolean round() {
        return orchestration.fireDeadlines(BATCH) == BATCH;
    }

    @Override
    protected void idle() throws InterruptedException {
        Thread.sleep(checkEvery.toMillis());
    }
}
