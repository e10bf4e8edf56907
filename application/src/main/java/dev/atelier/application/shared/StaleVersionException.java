package dev.atelier.application.shared;

/** A write was based on a version of an aggregate that someone else has changed since. Nothing was written. */
public final class StaleVersionException extends RuntimeException {

    public StaleVersionException(String what, Object id, long expected, long actual) {
        super(what + " " + id + " is at version " + actual + ", the change was made against version " + expected);
    }

    public StaleVersionException(String what, Object id, long expected) {
        super(what + " " + id + " was changed concurrently; the change was made against version " + expected);
    }
}
