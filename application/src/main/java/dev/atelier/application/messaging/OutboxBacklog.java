package dev.atelier.application.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox as an operator sees it: what waits, and why it has not gone out yet. Separate from
 * {@link PendingEvents}, which is what the relay needs.
 */
public interface OutboxBacklog {

    /** Up to {@code limit} waiting events, oldest first, with their failed attempts. */
    List<WaitingEvent> oldest(int limit);

    /** Removes one waiting event, in the surrounding transaction, and returns it; empty when it no longer waits. */
    Optional<WaitingEvent> take(long position);

    /**
     * Appends an event again, after everything that waits (a new position, the same event id), in the surrounding
     * transaction; the relay is woken once it commits.
     */
    void requeue(OutboundEvent event);

    /**
     * @param failedAttempts attempts to publish it that failed
     * @param lastError      why the last of them failed; null when none did
     */
    record WaitingEvent(OutboundEvent event, Instant createdAt, int failedAttempts, String lastError) {
    }
}
