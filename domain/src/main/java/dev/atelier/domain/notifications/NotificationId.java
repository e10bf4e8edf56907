package dev.atelier.domain.notifications;

import dev.atelier.domain.shared.Identifier;
import java.util.UUID;

public record NotificationId(UUID value) implements Identifier {

    public static NotificationId newId() {
        return new NotificationId(UUID.randomUUID());
    }

    public static NotificationId parse(String text) {
        return new NotificationId(Identifier.uuid("id", "notification", text));
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
