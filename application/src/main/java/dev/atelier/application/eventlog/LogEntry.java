package dev.atelier.application.eventlog;

import dev.atelier.domain.shared.Texts;
import java.time.Instant;
import java.util.List;

/** One entry of a log table. */
public interface LogEntry {

    LogTable table();

    /** The entry's values in the order of {@link LogTable#columns()}, typed as {@link LogColumn} describes. */
    List<Object> values();

    /** The earliest time every store can hold (ClickHouse's DateTime starts at the Unix epoch). */
    Instant EARLIEST = Instant.EPOCH;

    /** The latest time every store can hold (ClickHouse's DateTime ends early in 2106). */
    Instant LATEST = Instant.parse("2105-12-31T23:59:59.999Z");

    /**
     * Log times are kept to the millisecond and within the range every store can hold, so that every store
     * gives back the same value; a clock that far off is the only way to get outside it.
     */
    static Instant millis(Instant instant) {
        Instant inRange = instant.isBefore(EARLIEST) ? EARLIEST : instant.isAfter(LATEST) ? LATEST : instant;
        return Instant.ofEpochMilli(inRange.toEpochMilli());
    }

    /**
     * A text value as every store can hold it: null is empty, and a NUL character, which PostgreSQL's text cannot
     * hold (a batch with one would be refused whole), is U+FFFD, as it is in every store.
     */
    static String text(Object value) {
        return value == null ? "" : Texts.withoutNul(value.toString());
    }
}
