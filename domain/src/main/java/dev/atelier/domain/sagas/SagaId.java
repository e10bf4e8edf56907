package dev.atelier.domain.sagas;

import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

public record SagaId(UUID value) implements Identifier {

    public SagaId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A new id, ordered by when it was made: a saga is written with every step, and a time-ordered id keeps the
     * inserts into its primary key at the key's end; see {@link TimeOrderedIds}.
     */
    public static SagaId madeAt(Instant at) {
        return new SagaId(TimeOrderedIds.at(at));
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
