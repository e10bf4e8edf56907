package dev.atelier.application.messaging;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Remembers which events each consumer has handled; written in the handler's transaction. */
public interface Inbox {

    /** Records that {@code consumer} is handling {@code eventId}; false when it already did. */
    boolean record(String consumer, UUID eventId);

    /**
     * Records a run of events at once; returns those {@code consumer} had not handled before (an id given
     * twice counts once). A store should do this in one round trip: it is what a consumer pays per event
     * when it keeps up with a busy topic.
     */
    default Set<UUID> recordAll(String consumer, List<UUID> eventIds) {
        Set<UUID> fresh = new LinkedHashSet<>();
        for (UUID eventId : eventIds) {
            if (record(consumer, eventId)) {
                fresh.add(eventId);
            }
        }
        return fresh;
    }

    /**
     * Forgets at most {@code limit} of the entries older than {@code before}, oldest first; returns how many.
     * Keep them longer than a message can be redelivered (the topic's retention), or a very late duplicate
     * would be handled again.
     */
    int purge(java.time.Instant before, int limit);
}
