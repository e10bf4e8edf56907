package dev.atelier.application.messaging;

import java.util.Collection;
import java.util.List;

/** The relay's view of the outbox: what is committed and not yet published. */
public interface PendingEvents {

    /**
     * Makes this relay the only one publishing until the surrounding transaction ends. With several
     * service instances on one database exactly one relay works at a time, which is what keeps events of
     * one key in order; the others find the lock taken and wait for their next turn.
     *
     * @return false when another relay holds the lock
     */
    boolean tryLock();

    /**
     * Claims up to {@code limit} unpublished events, oldest first: they count as published once the
     * surrounding transaction commits, and wait again if it rolls back.
     */
    List<OutboundEvent> claimOldest(int limit);

    /** Makes claimed events unpublished again, in the same transaction: those the broker did not take. */
    void unclaim(Collection<Long> positions);

    /** How many events wait to be published, and since when the oldest of them waits (null when none). */
    Backlog backlog();

    record Backlog(long events, java.time.Instant oldestCreatedAt) {
    }

    /**
     * Deletes at most {@code limit} of the events published before {@code before}, oldest first; returns how
     * many.
     */
    int purgePublished(java.time.Instant before, int limit);
}
