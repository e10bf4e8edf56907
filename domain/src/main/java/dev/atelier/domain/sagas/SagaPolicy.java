package dev.atelier.domain.sagas;

import java.time.Duration;

/**
 * How long a step waits for its participant's reply, how many times it is tried in all before the saga
 * gives up on it (then compensates, or, for a compensation, fails for an operator), and how long a
 * compensation that was refused waits before it is asked again (doubling after each refusal).
 */
public record SagaPolicy(Duration stepTimeout, int maxAttempts, Duration compensationBackoff) {

    public SagaPolicy {
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("stepTimeout must be positive, got " + stepTimeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (compensationBackoff.isNegative()) {
            throw new IllegalArgumentException("compensationBackoff must not be negative, got " + compensationBackoff);
        }
    }

    /** How long a compensation refused on its {@code attempt}-th try waits before the next try. */
    public Duration backoffAfter(int attempt) {
        return compensationBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    }
}
