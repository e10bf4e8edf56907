package dev.atelier.bootstrap.wiring;

import dev.atelier.application.designs.BrowsingDesigns;
import dev.atelier.application.designs.ChangingDesigns;
import dev.atelier.application.designs.CreatingDesign;
import dev.atelier.application.designs.Designs;
import dev.atelier.application.messaging.Consumers;
import dev.atelier.application.messaging.DeadLetterOperations;
import dev.atelier.application.messaging.DeadLetters;
import dev.atelier.application.messaging.EnvelopeReader;
import dev.atelier.application.messaging.EventConsumption;
import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.Inbox;
import dev.atelier.application.messaging.MessageBus;
import dev.atelier.application.messaging.RetryPolicy;
import dev.atelier.application.messaging.EventPublisher;
import dev.atelier.application.messaging.OutboxRelay;
import dev.atelier.application.messaging.PendingEvents;
import dev.atelier.application.shared.UnitOfWork;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Creates the framework-free application services and hands them the adapters that implement their ports. */
@Factory
class UseCaseFactory {

    /** Microsecond ticks: PostgreSQL keeps microseconds, so what a response shows is what a later read returns. */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Singleton
    CreatingDesign creatingDesign(UnitOfWork unitOfWork, Designs designs, EventOutbox outbox, Clock clock) {
        return new CreatingDesign(unitOfWork, designs, outbox, clock);
    }

    @Singleton
    ChangingDesigns changingDesigns(UnitOfWork unitOfWork, Designs designs, EventOutbox outbox, Clock clock) {
        return new ChangingDesigns(unitOfWork, designs, outbox, clock);
    }

    @Singleton
    BrowsingDesigns browsingDesigns(Designs designs) {
        return new BrowsingDesigns(designs);
    }

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
                                              List<EventHandler> handlers) {
        return new DeadLetterOperations(unitOfWork, deadLetters, consumption, envelopes, handlers);
    }

    @Singleton
    Consumers consumers(MessageBus bus, EventConsumption consumption, List<EventHandler> handlers,
                        List<Consumers.OutcomeListener> listeners) {
        Consumers.OutcomeListener all = (consumer, delivery, type, outcome) ->
                listeners.forEach(listener -> listener.onOutcome(consumer, delivery, type, outcome));
        return new Consumers(bus, consumption, handlers, all);
    }

    @Singleton
    OutboxRelay outboxRelay(UnitOfWork unitOfWork, PendingEvents pending, EventPublisher publisher,
                            @Value("${atelier.messaging.relay.batch-size:500}") int batchSize) {
        return new OutboxRelay(unitOfWork, pending, publisher, batchSize);
    }
}
