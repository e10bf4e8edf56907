package dev.atelier.application.shared;

/** A well-formed request that the business cannot accept as it stands (HTTP 422). Nothing was written. */
public final class UnprocessableException extends RuntimeException {

    public UnprocessableException(String message) {
        super(message);
    }
}
