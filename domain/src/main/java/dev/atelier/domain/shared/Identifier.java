package dev.atelier.domain.shared;

/**
 * A typed identifier. Implementations are records whose {@code toString()} is the raw value, so that
 * adapters can write any identifier as a plain string without knowing its type.
 */
public interface Identifier {

    /** The identifier in its external form, exactly as it appears in URLs, events and storage. */
    String asString();
}
