package dev.atelier.domain.sagas;

import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.InvalidValueException;
import java.util.Objects;
import java.util.UUID;

public record SagaId(UUID value) implements Identifier {

    public SagaId {
        Objects.requireNonNull(value, "value");
    }

    public static SagaId newId() {
        return new SagaId(UUID.randomUUID());
    }

    public static SagaId parse(String text) {
        try {
            return new SagaId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("saga_id", "saga id must be a UUID, got '" + text + "'");
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
