package dev.atelier.application.messaging;

import java.util.Collection;
import java.util.List;
import java.util.Map;

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
     * Up to {@code limit} events waiting to be published, oldest first. Call it holding the lock: then no other
     * relay reads or removes them until the surrounding transaction ends.
     */
    List<OutboundEvent> oldest(int limit);

    /** Like {@link #oldest(int)}, leaving out every event of {@code keys}. */
    List<OutboundEvent> oldestExcept(int limit, Collection<String> keys);

    /** The events at these positions that still wait, oldest first. */
    List<OutboundEvent> at(Collection<Long> positions);

    /**
     * Removes events the broker acknowledged, in the surrounding transaction: should it roll back, they wait
     * again and are published again (consumers drop the duplicate). The outbox is a queue, not a history: a
     * published event is on its topic, and the event log records that it was sent.
     */
    void published(Collection<Long> positions);

    /**
     * Records failed attempts to publish, in the surrounding transaction: one more failed attempt for each
     * position, with its error, so that an operator sees from any instance what holds a key up. The relay records
     * those of the oldest 50 failed events of a round.
     */
    void failed(Map<Long, String> errorsByPosition);

    /**
     * Reclaims the room that removed events leave behind, so that reading the oldest stays quick. In PostgreSQL a
     * deleted row stays in the table and in its indexes until a vacuum, and every read of the oldest walks past
     * all of them from the front of the queue; the relay deletes thousands of rows a second, far more than
     * autovacuum's default round of once a minute keeps up with. The relay calls it outside any transaction,
     * every so many removals. A failure is logged, not thrown: the next call tries again.
     */
    void compact();

    /**
     * How many events wait to be published, and since when the oldest of them waits (null when none). A store may
     * estimate a large count rather than count it, as long as a small one is exact.
     */
    Backlog backlog();

    record Backlog(long events, java.time.Instant oldestCreatedAt) {
    }
}
