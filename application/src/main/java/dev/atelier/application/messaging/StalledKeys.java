package dev.atelier.application.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The relay's record of keys whose first waiting event the broker refused: that event's position, and when it
 * may be tried again. Kept in memory, so after a restart a stalled key is found again by its first failure.
 * Bounded: beyond {@link #LIMIT} keys (a broker refusing everything, not one bad event) further keys are not
 * recorded and are tried every round, in order, as before. Only the relay's thread uses it.
 */
final class StalledKeys {

    /** Keeps the relay's "every key but these" read and this map small, whatever the broker does. */
    static final int LIMIT = 1_000;

    private record Stall(long headPosition, Instant retryAt) {
    }

    private final Duration pause;
    private final Map<String, Stall> stalls = new LinkedHashMap<>();

    StalledKeys(Duration pause) {
        this.pause = pause;
    }

    boolean isEmpty() {
        return stalls.isEmpty();
    }

    Set<String> keys() {
        return Set.copyOf(stalls.keySet());
    }

    /** Positions of the first events of the stalled keys whose pause is over. */
    Map<String, Long> dueAt(Instant now) {
        Map<String, Long> due = new HashMap<>();
        stalls.forEach((key, stall) -> {
            if (!stall.retryAt().isAfter(now)) {
                due.put(key, stall.headPosition());
            }
        });
        return due;
    }

    /**
     * After a round: a key with an event of the batch left unpublished stalls (again) on the first such event;
     * a key that was tried again and had all its events of the batch published is free again.
     */
    void record(List<OutboundEvent> batch, List<OutboundEvent> published, Collection<String> retried, Instant now) {
        if (published.size() == batch.size()) {
            // The usual round, on the relay's hot path: nothing refused, nothing to look through.
            retried.forEach(stalls::remove);
            return;
        }
        Set<Long> done = published.stream().map(OutboundEvent::position).collect(Collectors.toSet());
        Map<String, Long> refused = new LinkedHashMap<>();
        for (OutboundEvent event : batch) {
            if (!done.contains(event.position())) {
                refused.putIfAbsent(event.key(), event.position());
            }
        }
        Set<String> freed = new HashSet<>(retried);
        freed.removeAll(refused.keySet());
        freed.forEach(stalls::remove);
        refused.forEach((key, head) -> {
            if (stalls.containsKey(key) || stalls.size() < LIMIT) {
                stalls.put(key, new Stall(head, now.plus(pause)));
            }
        });
    }

    /** Forgets keys whose first event is no longer waiting (an operator removed it): their events go on. */
    void forget(Collection<String> keys) {
        keys.forEach(stalls::remove);
    }
}
