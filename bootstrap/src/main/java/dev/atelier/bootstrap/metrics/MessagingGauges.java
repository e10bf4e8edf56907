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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state an operator watches, read when Prometheus scrapes:
 * <ul>
 *   <li>{@code atelier_outbox_backlog}: events committed and not yet published, and
 *       {@code atelier_outbox_oldest_age_seconds}: how long the oldest of them has waited;</li>
 *   <li>{@code atelier_dlq_parked}: messages parked in the dead-letter queue;</li>
 *   <li>{@code atelier_consumer_lag{consumer}}: records not yet consumed;</li>
 *   <li>{@code atelier_eventlog_buffered} and {@code atelier_eventlog_dropped}: the event log's buffer.</li>
 * </ul>
 * A gauge whose source does not answer (the database is down) reads NaN rather than failing the scrape.
 */
@Context
@Requires(beans = {MeterRegistry.class, KafkaMessageBus.class})
public class MessagingGauges {

    private static final Logger LOG = LoggerFactory.getLogger(MessagingGauges.class);
    /** One backlog query serves both outbox gauges of a scrape. */
    private static final Duration BACKLOG_REUSE = Duration.ofSeconds(1);

    private final UnitOfWork unitOfWork;
    private final PendingEvents outbox;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private volatile PendingEvents.Backlog backlog;
    private volatile Instant backlogReadAt = Instant.MIN;

    public MessagingGauges(MeterRegistry registry, UnitOfWork unitOfWork, PendingEvents outbox, DeadLetters deadLetters,
                           KafkaMessageBus bus, List<EventHandler> handlers, EventLog eventLog, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.clock = clock;
        Gauge.builder("atelier.outbox.backlog", () -> read("outbox backlog", () -> backlog().events()))
                .description("Events committed and not yet published").register(registry);
        Gauge.builder("atelier.outbox.oldest.age", () -> read("outbox backlog", this::oldestAgeSeconds))
                .description("How long the oldest unpublished event has waited").baseUnit("seconds").register(registry);
        Gauge.builder("atelier.dlq.parked", () -> read("dead letters", () -> unitOfWork.inTransaction(
                        () -> deadLetters.list(DeadLetterFilter.parked(), new PageRequest(1, 1)).total())))
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
    }

    private PendingEvents.Backlog backlog() {
        Instant now = clock.instant();
        if (backlog == null || backlogReadAt.plus(BACKLOG_REUSE).isBefore(now)) {
            backlog = unitOfWork.inTransaction(outbox::backlog);
            backlogReadAt = now;
        }
        return backlog;
    }

    private double oldestAgeSeconds() {
        Instant oldest = backlog().oldestCreatedAt();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private static double read(String what, Supplier<Number> value) {
        try {
            return value.get().doubleValue();
        } catch (RuntimeException e) {
            LOG.debug("Cannot read the {} for metrics: {}", what, e.getMessage());
            return Double.NaN;
        }
    }
}
