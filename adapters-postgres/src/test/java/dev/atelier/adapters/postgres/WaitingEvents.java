package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.OutboundEvent;
import java.util.List;

/** What waits in the outbox, read outside the relay's lock, so that a test can look before the relay would. */
final class WaitingEvents {

    private WaitingEvents() {
    }

    /** Up to {@code limit} unpublished events, oldest first. */
    static List<OutboundEvent> oldest(JdbcSession session, int limit) {
        return session.query(JdbcOutbox.OLDEST, List.of(limit), JdbcOutbox::event);
    }
}
