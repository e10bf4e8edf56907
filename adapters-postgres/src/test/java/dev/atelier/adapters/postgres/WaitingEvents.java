package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.OutboundEvent;
import java.util.List;

/** What waits in the outbox, read without claiming it, so that a test can look before the relay would. */
final class WaitingEvents {

    private WaitingEvents() {
    }

    /** Up to {@code limit} unpublished events, oldest first. */
    static List<OutboundEvent> oldest(JdbcSession session, int limit) {
        return session.query("SELECT " + JdbcOutbox.COLUMNS + " FROM outbox WHERE published_at IS NULL"
                + " ORDER BY position LIMIT ?", List.of(limit), JdbcOutbox::event);
    }
}
