package dev.atelier.application.messaging;

import java.time.Duration;

/** How often a failing handler is tried and how long to wait in between: base, 2 x base, 4 x base, ... */
public record RetryPolicy(int maxAttempts, Duration baseDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay.isNegative()) {
            throw new IllegalArgumentException("baseDelay must not be negative, got " + baseDelay);
        }
    }
}
