package dev.atelier.domain.sagas;

import java.time.Instant;

/**
 * One attempt at one step, for the saga's timeline.
 *
 * @param outcome {@code pending}, {@code succeeded}, {@code failed} or {@code timed_out}
 */
public record StepRecord(SagaStep step, int attempt, String outcome, Instant startedAt, Instant finishedAt, String detail) {

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String TIMED_OUT = "timed_out";

    StepRecord finish(String result, Instant at, String why) {
        return new StepRecord(step, attempt, result, startedAt, at, why);
    }
}
