package dev.atelier.application.messaging;

import dev.atelier.application.shared.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves committed events from the outbox to the broker. One batch runs in one transaction that holds the
 * relay lock: read the oldest events, publish them, remove those the broker acknowledged. If the process dies
 * before the commit the batch is published again (at-least-once); consumers deduplicate on the event id.
 *
 * <p>An event the broker refuses (larger than the topic allows, say) stalls its key: it is tried again after a
 * pause, and the key's later events wait behind it unsent, while every other key's events go on. Without that,
 * each round sent the key's later events again, only to keep them for order's sake: a stream of duplicates for
 * as long as the refused event stayed.
 *
 * <p>Within a batch, a key's second event is sent only once the broker acknowledged its first (see
 * {@link #publishInKeyOrder}): a broker keeps a partition's records in send order, but it refuses one record
 * without refusing those sent behind it, so a later event sent alongside a refused one would land ahead of it.
 */
public final class OutboxRelay {

    private final UnitOfWork unitOfWork;
    private final PendingEvents pending;
    private final EventPublisher publisher;
    private final Settings settings;
    private final Clock clock;
    private final EventPublisher.Receipts receipts;
    private final StalledKeys stalled;
    /** Removed since the outbox was last compacted; only the relay's own thread calls {@link #relayOnce()}. */
    private long removedSinceCompaction;

    /**
     * @param batchSize        the most events one round reads and publishes
     * @param compactEvery     after how many removed events the outbox is compacted
     *                         ({@link PendingEvents#compact()}); 0 leaves that to the database
     * @param stalledKeyPause  how long a key whose first waiting event the broker refused waits before that
     *                         event is tried again; its later events wait behind it, unsent
     */
    public record Settings(int batchSize, int compactEvery, Duration stalledKeyPause) {
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
            }
            if (compactEvery < 0) {
                throw new IllegalArgumentException("compactEvery must not be negative, got " + compactEvery);
            }
            if (stalledKeyPause.isNegative()) {
                throw new IllegalArgumentException("stalledKeyPause must not be negative, got " + stalledKeyPause);
            }
        }

        /** Batches of {@code batchSize}, compaction left to the database, stalled keys tried every 2 s. */
        public static Settings of(int batchSize) {
            return new Settings(batchSize, 0, Duration.ofSeconds(2));
        }
    }

    public OutboxRelay(UnitOfWork unitOfWork, PendingEvents pending, EventPublisher publisher, int batchSize) {
        this(unitOfWork, pending, publisher, Settings.of(batchSize), Clock.systemUTC(), EventPublisher.Receipts.NONE);
    }

    /** @param receipts told of every publish and every failure to publish (the event log listens) */
    public OutboxRelay(UnitOfWork unitOfWork, PendingEvents pending, EventPublisher publisher, Settings settings,
                       Clock clock, EventPublisher.Receipts receipts) {
        this.unitOfWork = unitOfWork;
        this.pending = pending;
        this.publisher = publisher;
        this.settings = settings;
        this.clock = clock;
        this.receipts = receipts;
        this.stalled = new StalledKeys(settings.stalledKeyPause());
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
        if (settings.compactEvery() > 0 && removedSinceCompaction >= settings.compactEvery()) {
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
            Instant now = clock.instant();
            Map<String, Long> retried = stalled.dueAt(now);
            List<OutboundEvent> batch = nextBatch(retried);
            if (batch.isEmpty()) {
                return Round.published(0);
            }
            FailureRecorder failures = new FailureRecorder(receipts);
            List<OutboundEvent> published = publishInKeyOrder(batch, failures);
            if (!published.isEmpty()) {
                pending.published(published.stream().map(OutboundEvent::position).toList());
            }
            if (!failures.errorsByPosition.isEmpty()) {
                pending.failed(failures.errorsByPosition);
            }
            // The pause counts from the end of the attempt: an attempt that ran into the delivery timeout would
            // otherwise be due again the moment it ended.
            stalled.record(batch, published, retried.keySet(), clock.instant());
            return Round.published(published.size());
        });
    }

    /**
     * The oldest events, but none of a stalled key: of those only the first waiting event, once its pause is over.
     * Without stalled keys (the usual case) it is the plain read of the oldest.
     */
    private List<OutboundEvent> nextBatch(Map<String, Long> retried) {
        if (stalled.isEmpty()) {
            return pending.oldest(settings.batchSize());
        }
        List<OutboundEvent> batch = new ArrayList<>(pending.oldestExcept(settings.batchSize(), stalled.keys()));
        if (!retried.isEmpty()) {
            List<OutboundEvent> heads = pending.at(retried.values());
            Set<String> gone = new HashSet<>(retried.keySet());
            heads.forEach(head -> gone.remove(head.key()));
            stalled.forget(gone);
            batch.addAll(heads);
            batch.sort(Comparator.comparingLong(OutboundEvent::position));
        }
        return batch;
    }

    /**
     * Passes every receipt on and keeps the errors of the oldest {@value #RECORDED_FAILURES} failed events, which go
     * on their outbox rows in the batch's transaction. The bound keeps a broker outage, when a whole batch fails
     * round after round, from rewriting every waiting row each round; an operator looks at the oldest first.
     */
    private static final class FailureRecorder implements EventPublisher.Receipts {

        static final int RECORDED_FAILURES = 50;

        private final EventPublisher.Receipts next;
        /** By position: a later wave's failure may be older than one of an earlier wave. */
        private final TreeMap<Long, String> errorsByPosition = new TreeMap<>();

        FailureRecorder(EventPublisher.Receipts next) {
            this.next = next;
        }

        @Override
        public void published(OutboundEvent event, String destination, int partition, long offset) {
            next.published(event, destination, partition, offset);
        }

        @Override
        public void failed(OutboundEvent event, String destination, String error) {
            errorsByPosition.put(event.position(), error);
            if (errorsByPosition.size() > RECORDED_FAILURES) {
                errorsByPosition.pollLastEntry();
            }
            next.failed(event, destination, error);
        }
    }

    /**
     * Publishes a batch in waves: the first wave holds each key's first event, the second each key's second,
     * and so on, and a wave goes out once the broker answered the one before. A key whose event was not
     * acknowledged sends nothing more in this round: its later events stay in the outbox, behind it. A batch in
     * which no key repeats (the usual case for a busy outbox of many aggregates) is one wave, sent as before.
     *
     * @return the acknowledged events, in outbox order; of each key a run from its first event in the batch
     */
    private List<OutboundEvent> publishInKeyOrder(List<OutboundEvent> batch, EventPublisher.Receipts receipts) {
        List<OutboundEvent> acknowledged = new ArrayList<>(batch.size());
        Set<String> heldBack = new HashSet<>();
        for (List<OutboundEvent> wave : waves(batch)) {
            List<OutboundEvent> sendable = heldBack.isEmpty() ? wave
                    : wave.stream().filter(event -> !heldBack.contains(event.key())).toList();
            if (sendable.isEmpty()) {
                continue;
            }
            Set<Long> acked = new HashSet<>();
            publisher.publish(sendable, receipts).forEach(event -> acked.add(event.position()));
            for (OutboundEvent event : sendable) {
                if (acked.contains(event.position())) {
                    acknowledged.add(event);
                } else {
                    heldBack.add(event.key());
                }
            }
        }
        acknowledged.sort(Comparator.comparingLong(OutboundEvent::position));
        return acknowledged;
    }

    /** The batch split by how many events of the same key come before each event; each wave in outbox order. */
    private static List<List<OutboundEvent>> waves(List<OutboundEvent> batch) {
        List<List<OutboundEvent>> waves = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (OutboundEvent event : batch) {
            int earlier = seen.merge(event.key(), 1, Integer::sum) - 1;
            if (earlier == waves.size()) {
                waves.add(new ArrayList<>());
            }
            waves.get(earlier).add(event);
        }
        return waves;
    }
}
