package dev.atelier.domain.sagas;

import java.time.Duration;

/**
 * How long a step waits for its participant's reply, and how many times its command is sent in all before
 * the saga gives up on it (then compensates, or, for a compensation, fails for an operator).
 */
public record SagaPolicy(Duration stepTimeout, int maxAttempts) {

    public SagaPolicy {
        if (stepTimeout.isNegative() || stepTimeout.isZero()) {
            throw new IllegalArgumentException("stepTimeout must be positive, got " + stepTimeout);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }
}
