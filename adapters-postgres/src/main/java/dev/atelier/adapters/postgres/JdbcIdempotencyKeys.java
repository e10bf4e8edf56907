package dev.atelier.adapters.postgres;

import dev.atelier.application.orders.IdempotencyKeys;
import dev.atelier.domain.orders.OrderId;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcIdempotencyKeys implements IdempotencyKeys {

    private final JdbcSession session;

    JdbcIdempotencyKeys(JdbcSession session) {
        this.session = session;
    }

    /**
     * INSERT ... ON CONFLICT DO NOTHING waits for a concurrent transaction holding the same key; when that one
     * commits, the insert does nothing and the committed claim is read instead (read committed sees it).
     */
    @Override
    public Optional<Claim> claim(String key, String fingerprint, OrderId orderId) {
        if (session.update("INSERT INTO idempotency_keys (key, fingerprint, order_id) VALUES (?, ?, ?)"
                + " ON CONFLICT DO NOTHING", key, fingerprint, orderId.value()) == 1) {
            return Optional.empty();
        }
        return session.queryOne("SELECT fingerprint, order_id FROM idempotency_keys WHERE key = ?", List.of(key),
                row -> new Claim(row.getString(1), new OrderId(row.getObject(2, UUID.class))));
    }
}
