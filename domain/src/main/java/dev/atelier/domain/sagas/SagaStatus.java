package dev.atelier.domain.sagas;

import java.util.Locale;

public enum SagaStatus {
    /** Going forward through the steps. */
    RUNNING,
    /** Undoing what was done, in reverse order. */
    COMPENSATING,
    /** Every step succeeded: the order is assembled. */
    COMPLETED,
    /** Compensated before any payment was taken. */
    CANCELED,
    /** Compensated after the payment was taken: it has been refunded. */
    REFUNDED,
    /** A compensation kept failing; an operator must look at it. */
    FAILED;

    public boolean isFinal() {
        return this != RUNNING && this != COMPENSATING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
