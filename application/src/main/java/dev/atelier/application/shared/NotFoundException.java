package dev.atelier.application.shared;

/** The thing asked for does not exist (or no longer does). */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
