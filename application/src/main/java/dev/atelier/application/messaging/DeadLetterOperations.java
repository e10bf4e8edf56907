package dev.atelier.application.messaging;

import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.shared.IllegalTransitionException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an operator does with parked messages: look at them, replay them, discard them.
 *
 * <p>Replay hands a parked message back to the consumer that parked it — only that consumer, through its
 * inbox, so other consumers of the topic see nothing and an event that meanwhile got handled is not
 * handled twice. Because later messages of a key wait behind a parked one, replaying a message replays its
 * key's parked messages in their original order, from the oldest up to the newest, and stops at the first
 * that fails again (which stays parked with the new error).
 *
 * <p>An event an operator parked from the outbox ({@link OutboxOperations}) never reached a consumer: replaying
 * it puts it back at the end of the outbox, for the relay to publish.
 */
public final class DeadLetterOperations {

    private final UnitOfWork unitOfWork;
    private final DeadLetters deadLetters;
    private final EventConsumption consumption;
    private final EnvelopeReader envelopes;
    private final Map<String, EventHandler> handlers;
    private final ReplayListener replays;
    /** Null where no outbox is at hand (the adapters' contract tests); outbox events cannot be replayed then. */
    private final OutboxBacklog outbox;

    /** Told of each replayed message and how it went; the event log listens here. */
    public interface ReplayListener {
        /** @param error null when the handler took the message, else why it failed again */
        void replayed(DeadLetter letter, InboundEvent event, String error);

        ReplayListener NONE = (letter, event, error) -> { };
    }

    public DeadLetterOperations(UnitOfWork unitOfWork, DeadLetters deadLetters, EventConsumption consumption,
                                EnvelopeReader envelopes, List<EventHandler> handlers) {
        this(unitOfWork, deadLetters, consumption, envelopes, handlers, ReplayListener.NONE, null);
    }

    public DeadLetterOperations(UnitOfWork unitOfWork, DeadLetters deadLetters, EventConsumption consumption,
                                EnvelopeReader envelopes, List<EventHandler> handlers, ReplayListener replays,
                                OutboxBacklog outbox) {
        this.replays = replays;
        this.outbox = outbox;
        this.unitOfWork = unitOfWork;
        this.deadLetters = deadLetters;
        this.consumption = consumption;
        this.envelopes = envelopes;
        this.handlers = handlers.stream().collect(Collectors.toMap(EventHandler::name, Function.identity()));
    }

    public Page<DeadLetter> list(DeadLetterFilter filter, PageRequest page) {
        return deadLetters.list(filter, page);
    }

    public DeadLetter get(UUID id) {
        return deadLetters.find(id).orElseThrow(() -> new NotFoundException("dead letter", id));
    }

    /** Replays the key of one parked message; see the class comment. */
    public ReplayReport replay(UUID id) {
        DeadLetter letter = get(id);
        if (letter.status() != DeadLetter.Status.PARKED) {
            throw new IllegalTransitionException("dead letter " + id + " is " + letter.status().wireName()
                    + ", only a parked message can be replayed");
        }
        return replayKeys(List.of(letter));
    }

    /**
     * Replays every parked message that matches {@code filter}, key by key, each key in order, at most
     * {@code limit} in all; it goes page by page until a page yields nothing more to replay. Events an operator
     * parked from the outbox are left alone unless the filter names their consumer, {@value
     * OutboxOperations#DEAD_LETTER_CONSUMER}: replaying them puts them back in front of the broker that refused them.
     */
    public ReplayReport replayMatching(DeadLetterFilter filter, int limit) {
        DeadLetterFilter parked = new DeadLetterFilter(filter.consumer(), filter.source(), filter.eventType(),
                filter.key(), DeadLetter.Status.PARKED);
        List<UUID> replayed = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        Set<UUID> seen = new java.util.HashSet<>();
        boolean outboxNamed = OutboxOperations.DEAD_LETTER_CONSUMER.equals(filter.consumer());
        while (replayed.size() + failed.size() < limit) {
            List<DeadLetter> page = deadLetters.list(parked, new PageRequest(1, PageRequest.MAX_SIZE)).items().stream()
                    .filter(letter -> !seen.contains(letter.id())).toList();
            if (page.isEmpty()) {
                break;
            }
            page.forEach(letter -> seen.add(letter.id()));
            ReplayReport round = replayKeys(page.stream()
                    .filter(letter -> outboxNamed || !OutboxOperations.isOutboxLetter(letter)).toList());
            replayed.addAll(round.replayed());
            failed.addAll(round.failed());
            round.failed().forEach(failure -> seen.add(failure.deadLetterId()));
        }
        return new ReplayReport(replayed, failed);
    }

    public void discard(UUID id) {
        DeadLetter letter = get(id);
        if (letter.status() != DeadLetter.Status.PARKED) {
            throw new IllegalTransitionException("dead letter " + id + " is " + letter.status().wireName()
                    + ", only a parked message can be discarded");
        }
        unitOfWork.inTransaction(() -> deadLetters.markDiscarded(id));
    }

    private ReplayReport replayKeys(List<DeadLetter> letters) {
        Set<List<String>> keys = new LinkedHashSet<>();
        letters.forEach(letter -> keys.add(java.util.Arrays.asList(letter.consumer(), letter.key())));
        List<UUID> replayed = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (List<String> consumerAndKey : keys) {
            for (DeadLetter letter : deadLetters.parkedOfKey(consumerAndKey.get(0), consumerAndKey.get(1))) {
                String error = replayOne(letter);
                if (error != null) {
                    failed.add(new Failure(letter.id(), error));
                    break;
                }
                replayed.add(letter.id());
            }
        }
        return new ReplayReport(replayed, failed);
    }

    /**
     * Back to the end of the outbox, whether or not the broker takes it now: the relay finds that out, and if it
     * is refused again it waits in the outbox as before. Marking it replayed first means that of two replays at
     * once only one puts it back.
     *
     * @return null once the event is back in the outbox, else why it cannot go back
     */
    private String requeue(DeadLetter letter) {
        if (outbox == null) {
            return "no outbox in this setup";
        }
        try {
            boolean requeued = unitOfWork.inTransaction(() -> {
                if (!deadLetters.markReplayed(letter.id())) {
                    return false;
                }
                outbox.requeue(OutboxOperations.eventOf(letter));
                return true;
            });
            return requeued ? null : "no longer parked: replayed or discarded meanwhile";
        } catch (RuntimeException e) {
            return EventConsumption.describe(e);
        }
    }

    /** @return null on success, else why it failed again */
    private String replayOne(DeadLetter letter) {
        if (OutboxOperations.isOutboxLetter(letter)) {
            return requeue(letter);
        }
        EventHandler handler = handlers.get(letter.consumer());
        if (handler == null) {
            return "no consumer named " + letter.consumer() + " runs in this service";
        }
        InboundEvent event;
        try {
            event = envelopes.read(new InboundEvent.Delivery(letter.source(), letter.partition(), letter.offset(),
                    letter.key(), letter.value(), letter.headers()));
        } catch (EnvelopeReader.UnreadableMessage e) {
            return "still unreadable: " + e.getMessage();
        }
        try {
            unitOfWork.inTransaction(() -> {
                consumption.handleOnce(handler, event);
                deadLetters.markReplayed(letter.id());
            });
            replays.replayed(letter, event, null);
            return null;
        } catch (RuntimeException e) {
            String error = EventConsumption.describe(e);
            replays.replayed(letter, event, error);
            return error;
        }
    }

    public record ReplayReport(List<UUID> replayed, List<Failure> failed) {
    }

    public record Failure(UUID deadLetterId, String error) {
    }
}
