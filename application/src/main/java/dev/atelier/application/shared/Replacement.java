package dev.atelier.application.shared;

/**
 * An aggregate to store in place of the stored one, if that one is still at the version this was read at.
 *
 * @param aggregate       the aggregate as it is to be stored
 * @param expectedVersion the version it had when it was read
 */
public record Replacement<A>(A aggregate, long expectedVersion) {
}
