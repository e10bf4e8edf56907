package dev.atelier.domain.orders;

import dev.atelier.domain.shared.Identifier;
import java.util.Objects;
import java.util.UUID;

public record OrderId(UUID value) implements Identifier {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId newId() {
        return new OrderId(UUID.randomUUID());
    }

    public static OrderId parse(String text) {
        return new OrderId(Identifier.uuid("order_id", "order", text));
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
