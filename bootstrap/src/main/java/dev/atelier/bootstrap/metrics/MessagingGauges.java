package dev.atelier.bootstrap.metrics;

import dev.atelier.adapters.kafka.KafkaMessageBus;
import dev.atelier.application.eventlog.EventLog;
import dev.atelier.application.messaging.DeadLetters;
import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.shared.UnitOfWork;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The state an operator watches:
 * <ul>
 *   <li>{@code atelier_outbox_backlog}: events committed and not yet published, and
 *       {@code atelier_outbox_oldest_age_seconds}: how long the oldest of them has waited;</li>
 *   <li>{@code atelier_dlq_parked}: messages parked in the dead-letter queue;</li>
 *   <li>{@code atelier_consumer_lag{consumer}}: records not yet consumed;</li>
 *   <li>{@code atelier_eventlog_buffered} and {@code atelier_eventlog_dropped}: the event log's buffer.</li>
 * </ul>
 * The database-backed values are read every {@link #REFRESH} by a thread of their own, and the gauges show the
 * last reading ({@link DatabaseReadings}): a scrape never waits for the database, and while it does not answer
 * those gauges read NaN.
 */
@Context
@Requires(beans = {MeterRegistry.class, KafkaMessageBus.class})
public class MessagingGauges implements AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(2);

    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metrics-gauges");
        thread.setDaemon(true);
        return thread;
    });

    public MessagingGauges(MeterRegistry registry, UnitOfWork unitOfWork, PendingEvents outbox, DeadLetters deadLetters,
                           KafkaMessageBus bus, List<EventHandler> handlers, EventLog eventLog, Clock clock) {
        DatabaseReadings readings = new DatabaseReadings(unitOfWork, outbox, deadLetters, clock);
        Gauge.builder("atelier.outbox.backlog", readings::backlog)
                .description("Events committed and not yet published").register(registry);
        Gauge.builder("atelier.outbox.oldest.age", readings::oldestAgeSeconds)
                .description("How long the oldest unpublished event has waited").baseUnit("seconds").register(registry);
        Gauge.builder("atelier.dlq.parked", readings::parked)
                .description("Messages parked in the dead-letter queue").register(registry);
        for (EventHandler handler : handlers) {
            Gauge.builder("atelier.consumer.lag", () -> bus.lagByConsumer().getOrDefault(handler.name(), 0L))
                    .description("Records of the consumer's topics not yet consumed, as of its last poll")
                    .tag("consumer", handler.name()).register(registry);
        }
        Gauge.builder("atelier.eventlog.buffered", () -> eventLog.status().buffered())
                .description("Event-log entries waiting to be written").register(registry);
        Gauge.builder("atelier.eventlog.dropped", () -> eventLog.status().dropped())
                .description("Event-log entries dropped since start because the buffer was full").register(registry);
        refresher.scheduleWithFixedDelay(readings::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Lets a reading in progress finish before the data source closes: interrupting it broke its connection, and
     * the pool logged that as an error on every shutdown that caught a reading under way.
     */
    @PreDestroy
    @Override
    public void close() {
        refresher.shutdown();
        try {
            if (!refresher.awaitTermination(5, TimeUnit.SECONDS)) {
                refresher.shutdownNow();
            }
        } catch (InterruptedException e) {
            refresher.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
