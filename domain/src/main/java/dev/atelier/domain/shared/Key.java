package dev.atelier.domain.shared;

import java.util.Objects;

/** A message key that is just a string (a saga id as a participant sees it, a dead letter's original key). */
public record Key(String value) implements Identifier {

    public Key {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String asString() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
