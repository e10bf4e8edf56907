package dev.atelier.domain.orders;

import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.Texts;

public record CustomerId(String value) implements Identifier {

    public CustomerId {
        value = Texts.required("customer_id", value, 100);
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
