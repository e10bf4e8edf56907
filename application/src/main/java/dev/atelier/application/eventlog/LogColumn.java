package dev.atelier.application.eventlog;

/**
 * One column of a log table, as every store must hold it.
 *
 * <p>Values are never null: a store reads and writes {@link String} for {@code STRING} (empty when there is
 * nothing to say), {@link Integer} for {@code INT}, {@link Long} for {@code LONG} and a millisecond-precision
 * {@link java.time.Instant} for {@code TIME}.
 */
public record LogColumn(String name, Type type) {

    public enum Type { STRING, INT, LONG, TIME }

    static LogColumn string(String name) {
        return new LogColumn(name, Type.STRING);
    }

    static LogColumn integer(String name) {
        return new LogColumn(name, Type.INT);
    }

    static LogColumn number(String name) {
        return new LogColumn(name, Type.LONG);
    }

    static LogColumn time(String name) {
        return new LogColumn(name, Type.TIME);
    }
}
