package dev.atelier.domain.shared;

/** A value that a rule does not accept: missing, too long, malformed. Nothing has been changed. */
public final class InvalidValueException extends RuntimeException {

    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The name of the offending field as the caller knows it (snake_case, as in the API). */
    public String field() {
        return field;
    }
}
