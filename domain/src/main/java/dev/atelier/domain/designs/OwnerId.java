package dev.atelier.domain.designs;

import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.Texts;

/** The user who uploaded a design; an opaque id issued by the identity provider (e.g. {@code user_123}). */
public record OwnerId(String value) implements Identifier {

    public static final int MAX_LENGTH = 100;

    public OwnerId {
        value = Texts.required("user_id", value, MAX_LENGTH);
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
