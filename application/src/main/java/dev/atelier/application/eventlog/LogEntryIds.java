package dev.atelier.application.eventlog;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers for event-log entries: version 7 UUIDs (RFC 9562), whose first 48 bits are the Unix time in
 * milliseconds. Entries written close together get ids close together, so the stores' indexes on the id
 * grow at their end instead of taking each insert at a random page, which is what made writing the log into
 * PostgreSQL slow once the table outgrew its cache. The id only has to be unique, not unguessable, so the
 * random part comes from {@link ThreadLocalRandom}. The JDK has no generator for this version, and the
 * libraries that have one live in packages the core may not use; the layout is a few lines of bit packing.
 */
public final class LogEntryIds {

    private LogEntryIds() {
    }

    /** An id for an entry logged at {@code loggedAt}. */
    public static UUID at(Instant loggedAt) {
        long unixMillis = loggedAt.toEpochMilli();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
