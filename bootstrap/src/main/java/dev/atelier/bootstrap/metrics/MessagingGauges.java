package dev.atelier.bootstrap.metrics;

import dev.atelier.adapters.kafka.KafkaMessageBus;
import dev.atelier.application.eventlog.EventLog;
import dev.atelier.application.messaging.DeadLetterFilter;
import dev.atelier.application.messaging.DeadLetters;
import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.shared.PageRequest;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * last reading: a scrape never waits for the database, and while it does not answer those gauges read NaN.
 */
@Context
@Requires(beans = {MeterRegistry.class, KafkaMessageBus.class})
public class MessagingGauges implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessagingGauges.class);
    static final Duration REFRESH = Duration.ofSeconds(2);

    private final UnitOfWork unitOfWork;
    private final PendingEvents outbox;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "metrics-gauges");
        thread.setDaemon(true);
        return thread;
    });
    private volatile double backlog = Double.NaN;
    private volatile double oldestAgeSeconds = Double.NaN;
    private volatile double parked = Double.NaN;

    public MessagingGauges(MeterRegistry registry, UnitOfWork unitOfWork, PendingEvents outbox, DeadLetters deadLetters,
                           KafkaMessageBus bus, List<EventHandler> handlers, EventLog eventLog, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.clock = clock;
        Gauge.builder("atelier.outbox.backlog", () -> backlog)
                .description("Events committed and not yet published").register(registry);
        Gauge.builder("atelier.outbox.oldest.age", () -> oldestAgeSeconds)
                .description("How long the oldest unpublished event has waited").baseUnit("seconds").register(registry);
        Gauge.builder("atelier.dlq.parked", () -> parked)
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
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            PendingEvents.Backlog waiting = unitOfWork.inTransaction(outbox::backlog);
            backlog = waiting.events();
            oldestAgeSeconds = waiting.oldestCreatedAt() == null ? 0
                    : Math.max(0, Duration.between(waiting.oldestCreatedAt(), clock.instant()).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            backlog = Double.NaN;
            oldestAgeSeconds = Double.NaN;
            LOG.debug("Cannot read the outbox backlog for metrics: {}", e.getMessage());
        }
        try {
            parked = unitOfWork.inTransaction(
                    () -> deadLetters.list(DeadLetterFilter.parked(), new PageRequest(1, 1)).total());
        } catch (RuntimeException e) {
            parked = Double.NaN;
            LOG.debug("Cannot count the dead letters for metrics: {}", e.getMessage());
        }
    }

    @PreDestroy
    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
