package dev.atelier.application.messaging;

import java.util.UUID;

/** Remembers which events each consumer has handled; written in the handler's transaction. */
public interface Inbox {

    /** Records that {@code consumer} is handling {@code eventId}; false when it already did. */
    boolean record(String consumer, UUID eventId);

    /**
     * Forgets entries older than {@code before}; returns how many. Keep them longer than a message can be
     * redelivered (the topic's retention), or a very late duplicate would be handled again.
     */
    int purge(java.time.Instant before);
}
