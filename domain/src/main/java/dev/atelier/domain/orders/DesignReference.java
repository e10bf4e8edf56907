package dev.atelier.domain.orders;

import dev.atelier.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

/**
 * The id of a design as the orders context knows it: a reference it checks against its own projection of
 * design events, never a type of the designs context.
 */
public record DesignReference(UUID value) implements dev.atelier.domain.shared.Identifier {

    @Override
    public String asString() {
        return value.toString();
    }

    public DesignReference {
        Objects.requireNonNull(value, "value");
    }

    public static DesignReference parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field, field + " is required");
        }
        try {
            return new DesignReference(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(field, field + " must be a UUID, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
