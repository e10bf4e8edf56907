package dev.atelier.domain.orders;

import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.InvalidValueException;
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
        try {
            return new OrderId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("order_id", "order id must be a UUID, got '" + text + "'");
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
