package dev.atelier.domain.designs;

import dev.atelier.domain.shared.InvalidValueException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a design is in its review. The allowed moves are the whole rule set of the designs context:
 * {@code draft → pending → approved | rejected}, {@code rejected → pending},
 * {@code draft | rejected | approved → archived}.
 */
public enum DesignStatus {
    DRAFT, PENDING, APPROVED, REJECTED, ARCHIVED;

    private Set<DesignStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(PENDING, ARCHIVED);
            case PENDING -> EnumSet.of(APPROVED, REJECTED);
            case REJECTED -> EnumSet.of(PENDING, ARCHIVED);
            case APPROVED -> EnumSet.of(ARCHIVED);
            case ARCHIVED -> EnumSet.noneOf(DesignStatus.class);
        };
    }

    public boolean canMoveTo(DesignStatus target) {
        return next().contains(target);
    }

    /** A design may be created straight into review, but not already decided. */
    public boolean isInitial() {
        return this == DRAFT || this == PENDING;
    }

    /** The name used on the wire and in storage. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }

    public static DesignStatus parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field, field + " is required");
        }
        return Arrays.stream(values())
                .filter(status -> status.wireName().equals(text.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new InvalidValueException(field,
                        "unknown " + field + " '" + text + "'; expected one of " + allWireNames()));
    }

    private static String allWireNames() {
        return Arrays.stream(values()).map(DesignStatus::wireName).collect(Collectors.joining(", "));
    }
}
