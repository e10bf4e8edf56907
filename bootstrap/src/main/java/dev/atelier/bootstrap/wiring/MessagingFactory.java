package dev.atelier.bootstrap.wiring;

import dev.atelier.application.eventlog.MessageLog;
import dev.atelier.application.messaging.Consumers;
import dev.atelier.application.messaging.DeadLetterOperations;
import dev.atelier.application.messaging.DeadLetters;
import dev.atelier.application.messaging.EnvelopeReader;
import dev.atelier.application.messaging.EventConsumption;
import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.Inbox;
import dev.atelier.application.messaging.MessageBus;
import dev.atelier.application.messaging.OutboundEvent;
import dev.atelier.application.messaging.OutboxRelay;
import dev.atelier.application.messaging.OutboxBacklog;
import dev.atelier.application.messaging.OutboxOperations;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.messaging.RetryPolicy;
import dev.atelier.application.shared.UnitOfWork;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The messaging core: consumption with inbox, retries and dead letters; the relay; DLQ operations. */
@Factory
class MessagingFactory {

    @Singleton
    EventConsumption eventConsumption(UnitOfWork unitOfWork, Inbox inbox, DeadLetters deadLetters, EventOutbox outbox,
                                      @Value("${atelier.messaging.retry.max-attempts:3}") int maxAttempts,
                                      @Value("${atelier.messaging.retry.base-delay:1s}") Duration baseDelay,
                                      Clock clock) {
        return new EventConsumption(unitOfWork, inbox, deadLetters, outbox, new RetryPolicy(maxAttempts, baseDelay),
                clock);
    }

    @Singleton
    DeadLetterOperations deadLetterOperations(UnitOfWork unitOfWork, DeadLetters deadLetters,
                                              EventConsumption consumption, EnvelopeReader envelopes,
                                              List<EventHandler> handlers, MessageLog replays,
                                              OutboxBacklog outboxBacklog) {
        return new DeadLetterOperations(unitOfWork, deadLetters, consumption, envelopes, handlers, replays,
                outboxBacklog);
    }

    @Singleton
    OutboxOperations outboxOperations(UnitOfWork unitOfWork, OutboxBacklog backlog, DeadLetters deadLetters,
                                      EventOutbox outbox, Clock clock) {
        return new OutboxOperations(unitOfWork, backlog, deadLetters, outbox, clock);
    }

    @Singleton
    Consumers consumers(MessageBus bus, EventConsumption consumption, List<EventHandler> handlers,
                        List<Consumers.OutcomeListener> listeners) {
        Consumers.OutcomeListener all = (consumer, delivery, event, outcome) ->
                listeners.forEach(listener -> listener.onOutcome(consumer, delivery, event, outcome));
        return new Consumers(bus, consumption, handlers, all);
    }

    @Singleton
    OutboxRelay outboxRelay(UnitOfWork unitOfWork, PendingEvents pending, EventPublisher publisher,
                            @Value("${atelier.messaging.relay.batch-size:500}") int batchSize,
                            @Value("${atelier.messaging.relay.compact-every:10000}") int compactEvery,
                            @Value("${atelier.messaging.relay.failure-pause:2s}") Duration failurePause,
                            Clock clock, List<EventPublisher.Receipts> listeners) {
        OutboxRelay.Settings settings = new OutboxRelay.Settings(batchSize, compactEvery, failurePause);
        return new OutboxRelay(unitOfWork, pending, publisher, settings, clock, new EventPublisher.Receipts() {
            @Override
            public void published(OutboundEvent event, String destination, int partition, long offset) {
                listeners.forEach(listener -> listener.published(event, destination, partition, offset));
            }

            @Override
            public void failed(OutboundEvent event, String destination, String error) {
                listeners.forEach(listener -> listener.failed(event, destination, error));
            }
        });
    }
}
