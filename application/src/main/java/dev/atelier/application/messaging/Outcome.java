package dev.atelier.application.messaging;

import java.util.List;

/**
 * What became of one delivery.
 *
 * @param attempts      how many times the handler ran (0 for a duplicate or a message parked unread)
 * @param retriedErrors why each attempt that was then tried again failed, in order
 */
public record Outcome(Kind kind, int attempts, String error, List<String> retriedErrors) {

    public Outcome {
        retriedErrors = List.copyOf(retriedErrors);
    }

    public Outcome(Kind kind, int attempts, String error) {
        this(kind, attempts, error, List.of());
    }

    public enum Kind {
        /** The handler ran and its transaction committed. */
        HANDLED,
        /** The inbox had seen the event: nothing was done again. */
        DUPLICATE,
        /** Unreadable, permanently failing, or out of retries: parked in the dead-letter queue. */
        PARKED,
        /** Parked without trying because an earlier message of the same key is parked. */
        PARKED_BEHIND,
        /** Of a type the handler does not take: acknowledged, nothing done. */
        IGNORED
    }

    static Outcome handled(int attempts) {
        return new Outcome(Kind.HANDLED, attempts, null);
    }

    static Outcome handled(int attempts, List<String> retriedErrors) {
        return new Outcome(Kind.HANDLED, attempts, null, retriedErrors);
    }

    static Outcome ignored() {
        return new Outcome(Kind.IGNORED, 0, null);
    }

    static Outcome duplicate() {
        return new Outcome(Kind.DUPLICATE, 0, null);
    }
}
