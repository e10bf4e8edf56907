package dev.atelier.domain.designs;

import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

public record DesignId(UUID value) implements Identifier {

    public DesignId {
        Objects.requireNonNull(value, "value");
    }

    public static DesignId newId() {
        return new DesignId(UUID.randomUUID());
    }

    public static DesignId parse(String text) {
        try {
            return new DesignId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("design_id", "design id must be a UUID, got '" + text + "'");
        }
    }

    @Override
    public String asString() {
        return value.toString();
    }

    @Override
    public String toString() {
        return asString();
    }
}
