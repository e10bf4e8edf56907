package dev.atelier.application.messaging;

/** Optional criteria of a dead-letter listing; a null field does not filter. Status defaults to parked. */
public record DeadLetterFilter(String consumer, String source, String eventType, String key, DeadLetter.Status status) {

    public static DeadLetterFilter parked() {
        return new DeadLetterFilter(null, null, null, null, DeadLetter.Status.PARKED);
    }
}
