package dev.atelier.application.orders;

import dev.atelier.domain.orders.OrderId;
import java.util.Optional;

/** Remembers which request an idempotency key was first used for, and what it created. */
public interface IdempotencyKeys {

    /**
     * Claims {@code key} for a request in the caller's transaction. If another transaction holds the same
     * key, this waits for it to finish.
     *
     * @return empty when the key is new (now claimed); else the earlier claim
     */
    Optional<Claim> claim(String key, String fingerprint, OrderId orderId);

    record Claim(String fingerprint, OrderId orderId) {
    }
}
