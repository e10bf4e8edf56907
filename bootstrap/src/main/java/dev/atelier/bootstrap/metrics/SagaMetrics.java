package dev.atelier.bootstrap.metrics;

import dev.atelier.application.sagas.SagaOrchestration;
import dev.atelier.domain.sagas.SagaId;
import dev.atelier.domain.sagas.SagaStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code atelier_saga_duration_seconds{outcome=completed|canceled|refunded|failed}}: how long each saga ran,
 * from its start to its final status, with histogram buckets so Prometheus can compute percentiles.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class SagaMetrics implements SagaOrchestration.FinishListener {

    static final String DURATION = "atelier.saga.duration";

    private final MeterRegistry registry;

    public SagaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void finished(SagaId saga, SagaStatus status, Instant startedAt, Instant finishedAt) {
        Timer.builder(DURATION).description("How long sagas ran, from start to final status")
                .tag("outcome", status.wireName()).publishPercentileHistogram()
                .register(registry).record(Duration.between(startedAt, finishedAt));
    }
}
