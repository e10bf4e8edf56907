package dev.atelier.application.messaging;

import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import java.util.Optional;
import java.util.UUID;

/** The dead-letter store of every consumer: parked messages, their replay and their discard. */
public interface DeadLetters {

    /** Parks a message (in the caller's transaction) and returns it with its id and sequence. */
    DeadLetter park(DeadLetter letter);

    /** True while {@code consumer} has a parked message of {@code key}: later messages of that key wait behind it. */
    boolean blocks(String consumer, String key);

    /** The keys among {@code keys} that {@code consumer} has parked messages of (one query for a whole batch). */
    java.util.Set<String> blockedAmong(String consumer, java.util.Collection<String> keys);

    Optional<DeadLetter> find(UUID id);

    Page<DeadLetter> list(DeadLetterFilter filter, PageRequest page);

    /** Parked messages of one consumer and key, oldest first: the order a replay must follow. */
    java.util.List<DeadLetter> parkedOfKey(String consumer, String key);

    /**
     * Marks a parked message replayed, in the caller's transaction.
     *
     * @return false when it is no longer parked (someone else replayed or discarded it first); it waits for that
     * someone's transaction to end before it answers
     */
    boolean markReplayed(UUID id);

    void markDiscarded(UUID id);
}
