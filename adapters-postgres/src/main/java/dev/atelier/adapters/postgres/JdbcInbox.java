package dev.atelier.adapters.postgres;

import dev.atelier.adapters.postgres.JdbcSession.SqlArray;
import dev.atelier.application.messaging.Inbox;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /** One statement for the whole run; RETURNING names the rows that were new. */
    @Override
    public Set<UUID> recordAll(String consumer, List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(session.query("INSERT INTO inbox (consumer, event_id)"
                        + " SELECT ?, unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id",
                List.of(consumer, new SqlArray("uuid", eventIds)), row -> row.getObject(1, UUID.class)));
    }

    @Override
    public int purge(Instant before, int limit) {
        return session.update("DELETE FROM inbox WHERE ctid = ANY (ARRAY(SELECT ctid FROM inbox"
                + " WHERE processed_at < ? ORDER BY processed_at LIMIT ?))", before, limit);
    }
}
