package dev.atelier.domain.notifications;

import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.InvalidValueException;
import java.util.UUID;

public record NotificationId(UUID value) implements Identifier {

    public static NotificationId newId() {
        return new NotificationId(UUID.randomUUID());
    }

    public static NotificationId parse(String text) {
        try {
            return new NotificationId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidValueException("id", "notification id must be a UUID, got '" + text + "'");
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
