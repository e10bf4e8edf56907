package dev.atelier.domain.sagas;

import java.util.Locale;
import java.util.Optional;

/** The steps of order fulfilment, each owned by a participant; two have a compensation. */
public enum SagaStep {
    RESERVE_INVENTORY("inventory", "reserve", false),
    CHARGE_PAYMENT("payments", "charge", false),
    REQUEST_ASSEMBLY("assembly", "assemble", false),
    RELEASE_INVENTORY("inventory", "release", true),
    REFUND_PAYMENT("payments", "refund", true);

    private final String participant;
    private final String action;
    private final boolean compensation;

    SagaStep(String participant, String action, boolean compensation) {
        this.participant = participant;
        this.action = action;
        this.compensation = compensation;
    }

    public String participant() {
        return participant;
    }

    public String action() {
        return action;
    }

    public boolean isCompensation() {
        return compensation;
    }

    /** The forward steps in order. */
    public static final SagaStep[] FORWARD = {RESERVE_INVENTORY, CHARGE_PAYMENT, REQUEST_ASSEMBLY};

    public Optional<SagaStep> compensatedBy() {
        return switch (this) {
            case RESERVE_INVENTORY -> Optional.of(RELEASE_INVENTORY);
            case CHARGE_PAYMENT -> Optional.of(REFUND_PAYMENT);
            default -> Optional.empty();
        };
    }

    /** The forward step a compensation undoes. */
    public SagaStep compensates() {
        return switch (this) {
            case RELEASE_INVENTORY -> RESERVE_INVENTORY;
            case REFUND_PAYMENT -> CHARGE_PAYMENT;
            default -> throw new IllegalStateException(wireName() + " is not a compensation");
        };
    }

    public Optional<SagaStep> next() {
        return switch (this) {
            case RESERVE_INVENTORY -> Optional.of(CHARGE_PAYMENT);
            case CHARGE_PAYMENT -> Optional.of(REQUEST_ASSEMBLY);
            default -> Optional.empty();
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }

    public static SagaStep fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
