package dev.atelier.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageContext;
import dev.atelier.application.messaging.Outcome;
import dev.atelier.application.messaging.OutboundEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MessageMetrics metrics = new MessageMetrics(registry);
    private final InboundEvent.Delivery delivery = new InboundEvent.Delivery("orders", 2, 41, "key", new byte[0], Map.of());

    private double consumed(String consumer, String outcome) {
        var counter = registry.find(MessageMetrics.CONSUMED).tags("consumer", consumer, "topic", "orders", "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void each_outcome_is_counted_under_the_name_the_event_log_uses() {
        metrics.onOutcome("sagas-orders", delivery, null, new Outcome(Outcome.Kind.HANDLED, 1, null));
        metrics.onOutcome("sagas-orders", delivery, null, new Outcome(Outcome.Kind.HANDLED, 1, null));
        metrics.onOutcome("sagas-orders", delivery, null, new Outcome(Outcome.Kind.DUPLICATE, 0, null));
        metrics.onOutcome("sagas-orders", delivery, null, new Outcome(Outcome.Kind.PARKED, 3, "boom"));
        metrics.onOutcome("sagas-orders", delivery, null, new Outcome(Outcome.Kind.PARKED_BEHIND, 0, "behind"));
        metrics.onOutcome("sagas-orders", delivery, null, new Outcome(Outcome.Kind.IGNORED, 0, null));
        metrics.onOutcome("notifications", delivery, null, new Outcome(Outcome.Kind.IGNORED, 0, null));

        assertThat(consumed("sagas-orders", "handled")).isEqualTo(2);
        assertThat(consumed("sagas-orders", "duplicate")).isEqualTo(1);
        assertThat(consumed("sagas-orders", "dlq")).isEqualTo(2);
        assertThat(consumed("sagas-orders", "skipped")).isEqualTo(1);
        assertThat(consumed("notifications", "skipped")).isEqualTo(1);
    }

    @Test
    void every_failed_attempt_that_was_tried_again_counts_as_a_retry() {
        metrics.onOutcome("sagas-replies", delivery, null,
                new Outcome(Outcome.Kind.HANDLED, 3, null, List.of("timeout", "timeout")));
        metrics.onOutcome("sagas-replies", delivery, null, new Outcome(Outcome.Kind.HANDLED, 1, null));

        assertThat(registry.get(MessageMetrics.RETRIES).tags("consumer", "sagas-replies", "topic", "orders").counter()
                .count()).isEqualTo(2);
    }

    @Test
    void publishes_are_counted_per_topic_and_outcome() {
        OutboundEvent event = new OutboundEvent(1, UUID.randomUUID(), "orders", "order.created", "k", 1, Instant.EPOCH,
                new byte[0], MessageContext.newFlow());
        metrics.published(event, "orders", 0, 7);
        metrics.published(event, "orders", 1, 8);
        metrics.failed(event, "orders", "broker away");

        assertThat(registry.get(MessageMetrics.PUBLISHED).tags("topic", "orders", "outcome", "success").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(MessageMetrics.PUBLISHED).tags("topic", "orders", "outcome", "failed").counter().count())
                .isEqualTo(1);
    }
}
