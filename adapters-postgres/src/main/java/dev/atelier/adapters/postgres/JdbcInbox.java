package dev.atelier.adapters.postgres;

import dev.atelier.application.messaging.Inbox;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

@Singleton
class JdbcInbox implements Inbox {

    private final JdbcSession session;

    JdbcInbox(JdbcSession session) {
        this.session = session;
    }

    /**
     * Insert-if-absent: with two deliveries of one event racing in two transactions, the second insert waits
     * for the first transaction and then finds the row, so exactly one of them handles the event.
     */
    @Override
    public boolean record(String consumer, UUID eventId) {
        return session.update("INSERT INTO inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING", consumer,
                eventId) == 1;
    }

    @Override
    public int purge(Instant before) {
        return session.update("DELETE FROM inbox WHERE processed_at < ?", before);
    }
}
