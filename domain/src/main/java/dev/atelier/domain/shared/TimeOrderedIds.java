package dev.atelier.domain.shared;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers for things written in great numbers and looked up by id: events, event-log entries, notifications
 * (four to an order) and sagas (rewritten at every step). They are version 7 UUIDs (RFC 9562), whose first 48
 * bits are the Unix time in milliseconds. Ids made close together are close together, so the indexes on them
 * (the outbox's and the inbox's on event ids, the event log's on entry ids) grow at their end instead of taking
 * each insert at a random page, which is what made those inserts slow once the tables outgrew the database's
 * cache. They only have to be unique, not unguessable, so the random part comes from {@link ThreadLocalRandom}.
 * The JDK has no generator for this version, and the libraries that have one live in packages the core may not
 * use; the layout is a few lines of bit packing. Orders and designs keep random (version 4) ids: customers and
 * designers hold those, and they need not tell when they were made.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    /** An id for something that happened, or was logged, at {@code at}. */
    public static UUID at(Instant at) {
        long unixMillis = at.toEpochMilli();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
