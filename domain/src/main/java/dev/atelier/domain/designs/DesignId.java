package dev.atelier.domain.designs;

import dev.atelier.domain.shared.Identifier;
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
        return new DesignId(Identifier.uuid("design_id", "design", text));
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
