package dev.atelier.application.messaging;

/** An event that will never succeed however often it is tried (e.g. it breaks the contract); goes to the DLQ at once. */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
