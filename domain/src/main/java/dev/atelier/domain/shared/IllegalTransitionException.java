package dev.atelier.domain.shared;

/** An aggregate refused a change because of the state it is in. Nothing has been changed. */
public final class IllegalTransitionException extends RuntimeException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
