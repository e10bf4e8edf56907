package dev.atelier.domain.shared;

/**
 * A typed identifier. Implementations are records whose {@code toString()} is the raw value, so that
 * adapters can write any identifier as a plain string without knowing its type.
 */
public interface Identifier {

    /** The identifier in its external form, exactly as it appears in URLs, events and storage. */
    String asString();

    /** Reads the UUID of a typed id, or says in the caller's words what was wrong with the text. */
    static java.util.UUID uuid(String field, String kind, String text) {
        try {
            return java.util.UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException(field, kind + " id must be a UUID, got '" + text + "'");
        }
    }
}
