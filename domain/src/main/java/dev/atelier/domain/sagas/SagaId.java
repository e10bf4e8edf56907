package dev.atelier.domain.sagas;

import dev.atelier.domain.shared.Identifier;
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
        return new SagaId(Identifier.uuid("saga_id", "saga", text));
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
