package dev.atelier.application.messaging;

import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.shared.InvalidValueException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers one event to one handler with the guarantees every consumer gets:
 * <ul>
 *   <li>exactly-once effect: the inbox row and the handler's effects commit in one transaction, so a
 *       redelivered event is recognised and changes nothing;</li>
 *   <li>retries with exponential backoff for transient failures; none for a {@link PermanentFailure};</li>
 *   <li>a message that still fails, or cannot be read, is parked in the dead-letter queue, so the consumer
 *       moves on instead of stalling;</li>
 *   <li>per-key order: while a message of a key is parked, later messages of that key are parked behind
 *       it unread, and a replay releases them in their original order.</li>
 * </ul>
 * Only a failure to reach the store itself escapes: the broker adapter must then not acknowledge the
 * delivery, so the broker delivers it again.
 */
public final class EventConsumption {

    private final UnitOfWork unitOfWork;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final EventOutbox outbox;
    private final RetryPolicy retryPolicy;
    private final Clock clock;

    public EventConsumption(UnitOfWork unitOfWork, Inbox inbox, DeadLetters deadLetters, EventOutbox outbox,
                            RetryPolicy retryPolicy, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
    }

    public Outcome deliver(EventHandler handler, InboundEvent event) {
        if (!handler.accepts(event.type())) {
            return Outcome.ignored();
        }
        boolean blocked = event.key() != null && unitOfWork.inTransaction(
                () -> deadLetters.blocks(handler.name(), event.key()));
        if (blocked) {
            park(handler, event.delivery(), event, "waiting behind an earlier parked message of key " + event.key(), 0);
            return new Outcome(Outcome.Kind.PARKED_BEHIND, 0, null);
        }
        AtomicInteger attempts = new AtomicInteger();
        List<String> errors = new ArrayList<>();
        try {
            boolean handled = retry(handler.name()).executeSupplier(() -> {
                attempts.incrementAndGet();
                try {
                    return handleOnce(handler, event);
                } catch (RuntimeException failure) {
                    errors.add(describe(failure));
                    throw failure;
                }
            });
            return handled ? Outcome.handled(attempts.get(), errors) : Outcome.duplicate();
        } catch (RuntimeException failure) {
            String error = describe(failure);
            park(handler, event.delivery(), event, error, attempts.get());
            List<String> retried = errors.isEmpty() ? errors : errors.subList(0, errors.size() - 1);
            return new Outcome(Outcome.Kind.PARKED, attempts.get(), error, retried);
        }
    }

    /**
     * Delivers a run of events (consecutive records of one partition) in a single transaction: the inbox rows
     * (written with one statement) and the handler's effects ({@link EventHandler#handleAll}, for the events
     * new to it) commit together, which is what lets a
     * consumer keep up at thousands of events per second. If anything in the run fails, or a key in it is
     * blocked by a parked message, the whole transaction rolls back and the run is delivered one event at a
     * time, so only the culprit is retried and parked.
     */
    public List<Outcome> deliverAll(EventHandler handler, List<InboundEvent> events) {
        if (events.stream().noneMatch(event -> handler.accepts(event.type()))) {
            return events.stream().map(event -> Outcome.ignored()).toList();
        }
        if (events.size() == 1) {
            return List.of(deliver(handler, events.get(0)));
        }
        try {
            return unitOfWork.inTransaction(() -> {
                List<String> keys = events.stream().map(InboundEvent::key).filter(java.util.Objects::nonNull).toList();
                if (!deadLetters.blockedAmong(handler.name(), keys).isEmpty()) {
                    throw new OneByOne();
                }
                Set<UUID> fresh = new HashSet<>(inbox.recordAll(handler.name(), events.stream()
                        .filter(event -> handler.accepts(event.type())).map(InboundEvent::eventId).toList()));
                List<Outcome> outcomes = new ArrayList<>(events.size());
                List<InboundEvent> toHandle = new ArrayList<>(fresh.size());
                for (InboundEvent event : events) {
                    if (!handler.accepts(event.type())) {
                        outcomes.add(Outcome.ignored());
                    } else if (fresh.remove(event.eventId())) {
                        toHandle.add(event);
                        outcomes.add(Outcome.handled(1));
                    } else {
                        outcomes.add(Outcome.duplicate());
                    }
                }
                if (!toHandle.isEmpty()) {
                    handler.handleAll(toHandle);
                }
                return outcomes;
            });
        } catch (RuntimeException batchFailed) {
            return events.stream().map(event -> deliver(handler, event)).toList();
        }
    }

    /** Abandons a batch so that its events go through the one-at-a-time path. */
    private static final class OneByOne extends RuntimeException {
        OneByOne() {
            super("a key of the batch is blocked by a parked message", null, false, false);
        }
    }

    /** A delivery whose envelope could not be read goes straight to the dead-letter queue. */
    public Outcome deliverUnreadable(EventHandler handler, InboundEvent.Delivery delivery, String error) {
        park(handler, delivery, null, "unreadable message: " + error, 0);
        return new Outcome(Outcome.Kind.PARKED, 0, error);
    }

    /**
     * One attempt at handling a parked message again, through the inbox like any delivery. Used by replay;
     * the caller marks the letter in the same transaction.
     *
     * @return true when the handler ran, false when the inbox had already seen the event
     */
    boolean handleOnce(EventHandler handler, InboundEvent event) {
        return unitOfWork.inTransaction(() -> {
            if (!inbox.record(handler.name(), event.eventId())) {
                return false;
            }
            handle(handler, event);
            return true;
        });
    }

    private static void handle(EventHandler handler, InboundEvent event) {
        event.asCause(() -> handler.handle(event));
    }

    Retry retry(String name) {
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(retryPolicy.maxAttempts())
                .intervalFunction(retryPolicy.baseDelay().isZero()
                        ? IntervalFunction.of(1L)
                        : IntervalFunction.ofExponentialBackoff(retryPolicy.baseDelay(), 2.0))
                .retryOnException(EventConsumption::isTransient)
                .build();
        return Retry.of(name, config);
    }

    private void park(EventHandler handler, InboundEvent.Delivery delivery, InboundEvent event, String error,
                      int attempts) {
        unitOfWork.inTransaction(() -> {
            DeadLetter parked = deadLetters.park(new DeadLetter(UUID.randomUUID(), 0, handler.name(),
                    event != null ? event.key() : delivery.key(),
                    event == null ? null : event.eventId(), event == null ? null : event.type(),
                    delivery.source(), delivery.partition(), delivery.offset(), delivery.value(), delivery.headers(),
                    error, attempts, clock.instant(), DeadLetter.Status.PARKED));
            outbox.append(MessageParked.of(parked));
        });
    }

    static boolean isTransient(Throwable failure) {
        return !(failure instanceof PermanentFailure || failure instanceof InvalidValueException);
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
