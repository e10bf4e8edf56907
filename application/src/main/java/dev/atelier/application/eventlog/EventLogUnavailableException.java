package dev.atelier.application.eventlog;

/** The event log's store did not answer (HTTP 503); the message says which store and why. */
public final class EventLogUnavailableException extends RuntimeException {

    public EventLogUnavailableException(String store, RuntimeException cause) {
        super("the event log (" + store + ") cannot be read: " + cause.getMessage(), cause);
    }
}
