package dev.atelier.domain.notifications;

import dev.atelier.domain.shared.Identifier;
import dev.atelier.domain.shared.TimeOrderedIds;
import java.time.Instant;
import java.util.UUID;

public record NotificationId(UUID value) implements Identifier {

    /**
     * A new id, ordered by when it was made: notifications are written four to an order, and time-ordered ids keep
     * the inserts into their indexes (and the notification queue's) at the indexes' end; see {@link TimeOrderedIds}.
     */
    public static NotificationId madeAt(Instant at) {
        return new NotificationId(TimeOrderedIds.at(at));
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
