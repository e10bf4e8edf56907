package dev.atelier.application.messaging;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/** How often a failing step is tried and how long to wait in between: base, 2 x base, 4 x base, ... */
public record RetryPolicy(int maxAttempts, Duration baseDelay) {

    /** The wait before attempt number {@code attempt} (the second attempt waits the base delay). */
    public Duration delayBefore(int attempt) {
        if (attempt < 2 || baseDelay.isZero()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(IntervalFunction.ofExponentialBackoff(baseDelay, 2.0).apply(attempt - 1));
    }


    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay.isNegative()) {
            throw new IllegalArgumentException("baseDelay must not be negative, got " + baseDelay);
        }
    }
}
