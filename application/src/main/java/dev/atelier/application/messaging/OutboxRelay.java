package dev.atelier.application.messaging;

import dev.atelier.application.shared.UnitOfWork;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves committed events from the outbox to the broker. One batch runs in one transaction that holds the
 * relay lock: read the oldest events, publish them, remove those the broker acknowledged. If the process dies
 * before the commit the batch is published again (at-least-once); consumers deduplicate on the event id.
 */
public final class OutboxRelay {

    private final UnitOfWork unitOfWork;
    private final PendingEvents pending;
    private final EventPublisher publisher;
    private final int batchSize;
    private final int compactEvery;
    private final EventPublisher.Receipts receipts;
    /** Removed since the outbox was last compacted; only the relay's own thread calls {@link #relayOnce()}. */
    private long removedSinceCompaction;

    public OutboxRelay(UnitOfWork unitOfWork, PendingEvents pending, EventPublisher publisher, int batchSize) {
        this(unitOfWork, pending, publisher, batchSize, 0, EventPublisher.Receipts.NONE);
    }

    /**
     * @param compactEvery after how many removed events the outbox is compacted ({@link PendingEvents#compact()});
     *                     0 leaves that to the database
     * @param receipts     told of every publish and every failure to publish (the event log listens)
     */
    public OutboxRelay(UnitOfWork unitOfWork, PendingEvents pending, EventPublisher publisher, int batchSize,
                       int compactEvery, EventPublisher.Receipts receipts) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (compactEvery < 0) {
            throw new IllegalArgumentException("compactEvery must not be negative, got " + compactEvery);
        }
        this.compactEvery = compactEvery;
        this.unitOfWork = unitOfWork;
        this.pending = pending;
        this.publisher = publisher;
        this.batchSize = batchSize;
        this.receipts = receipts;
    }

    /**
     * What one round did: how many events it published, and whether it found another relay holding the lock
     * (then it published nothing, and what it was woken for may still be waiting).
     */
    public record Round(int published, boolean lockHeldElsewhere) {

        static final Round LOCK_HELD_ELSEWHERE = new Round(0, true);

        static Round published(int count) {
            return new Round(count, false);
        }
    }

    /**
     * Publishes one batch, if this relay can take the lock; then, once enough events were removed since the last
     * time, compacts the outbox, after the batch's transaction and outside any other.
     */
    public Round relayOnce() {
        Round round = publishBatch();
        removedSinceCompaction += round.published();
        if (compactEvery > 0 && removedSinceCompaction >= compactEvery) {
            removedSinceCompaction = 0;
            pending.compact();
        }
        return round;
    }

    private Round publishBatch() {
        return unitOfWork.inTransaction(() -> {
            if (!pending.tryLock()) {
                return Round.LOCK_HELD_ELSEWHERE;
            }
            List<OutboundEvent> batch = pending.oldest(batchSize);
            if (batch.isEmpty()) {
                return Round.published(0);
            }
            List<OutboundEvent> published = keepKeyOrder(batch, publisher.publish(batch, receipts));
            if (!published.isEmpty()) {
                pending.published(published.stream().map(OutboundEvent::position).toList());
            }
            return Round.published(published.size());
        });
    }

    /**
     * Once an event of a key failed, later events of the same key that did reach the broker stay in the outbox
     * as well: they will be published again after the failed one, so the consumer sees the key's events in
     * order (a duplicate is harmless; a gap is not).
     */
    static List<OutboundEvent> keepKeyOrder(List<OutboundEvent> batch, List<OutboundEvent> acknowledged) {
        if (acknowledged.size() == batch.size()) {
            return acknowledged;
        }
        Set<Long> acked = new HashSet<>();
        acknowledged.forEach(event -> acked.add(event.position()));
        Set<String> blockedKeys = new HashSet<>();
        return batch.stream()
                .filter(event -> {
                    if (blockedKeys.contains(event.key()) || !acked.contains(event.position())) {
                        blockedKeys.add(event.key());
                        return false;
                    }
                    return true;
                })
                .toList();
    }
}
