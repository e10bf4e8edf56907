package dev.atelier.bootstrap.metrics;

import dev.atelier.application.messaging.Consumers;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.Outcome;
import dev.atelier.application.messaging.OutboundEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Counts every event the relay hands to the broker and every delivery a consumer finishes, so rates and error
 * rates can be graphed per topic and consumer:
 * <ul>
 *   <li>{@code atelier_messages_published_total{topic, outcome=success|failed}};</li>
 *   <li>{@code atelier_messages_consumed_total{consumer, topic, outcome=handled|duplicate|dlq|skipped}}, the
 *       same outcomes the event log records;</li>
 *   <li>{@code atelier_messages_retries_total{consumer, topic}}: attempts that failed and were tried again.</li>
 * </ul>
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class MessageMetrics implements Consumers.OutcomeListener, EventPublisher.Receipts {

    static final String PUBLISHED = "atelier.messages.published";
    static final String CONSUMED = "atelier.messages.consumed";
    static final String RETRIES = "atelier.messages.retries";

    private final MeterRegistry registry;

    public MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void published(OutboundEvent event, String destination, int partition, long offset) {
        published(destination, "success");
    }

    @Override
    public void failed(OutboundEvent event, String destination, String error) {
        published(destination, "failed");
    }

    private void published(String topic, String outcome) {
        Counter.builder(PUBLISHED).description("Events the outbox relay handed to the broker")
                .tag("topic", topic).tag("outcome", outcome).register(registry).increment();
    }

    @Override
    public void onOutcome(String consumer, InboundEvent.Delivery delivery, InboundEvent event, Outcome outcome) {
        Counter.builder(CONSUMED).description("Deliveries consumers finished, by what became of them")
                .tag("consumer", consumer).tag("topic", delivery.source()).tag("outcome", name(outcome.kind()))
                .register(registry).increment();
        if (!outcome.retriedErrors().isEmpty()) {
            Counter.builder(RETRIES).description("Handler attempts that failed and were tried again")
                    .tag("consumer", consumer).tag("topic", delivery.source())
                    .register(registry).increment(outcome.retriedErrors().size());
        }
    }

    static String name(Outcome.Kind kind) {
        return switch (kind) {
            case HANDLED -> "handled";
            case DUPLICATE -> "duplicate";
            case PARKED, PARKED_BEHIND -> "dlq";
            case IGNORED -> "skipped";
        };
    }
}
