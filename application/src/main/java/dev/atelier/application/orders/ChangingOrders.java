package dev.atelier.application.orders;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.StaleVersionException;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

/** Every change to an existing order: load, let the aggregate decide, store it with its event. */
public final class ChangingOrders {

    /** An order changes a handful of times in its life, so a few tries always find a quiet moment. */
    private static final int CANCEL_ATTEMPTS = 5;

    private final UnitOfWork unitOfWork;
    private final Orders orders;
    private final EventOutbox outbox;
    private final Clock clock;

    public ChangingOrders(UnitOfWork unitOfWork, Orders orders, EventOutbox outbox, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.orders = orders;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * The customer asks to cancel; the saga compensates and ends the order canceled or refunded. The saga may
     * move the order on at the same moment. The customer named no version to change, so the request is then
     * decided again on the order as it has become, rather than refused as stale.
     */
    public Order requestCancellation(OrderId id, String reason) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change(id, (order, now) -> order.requestCancellation(reason, now));
            } catch (StaleVersionException movedOnMeanwhile) {
                if (attempt == CANCEL_ATTEMPTS) {
                    throw movedOnMeanwhile;
                }
            }
        }
    }

    public Order change(OrderId id, BiFunction<Order, Instant, Order.Change> decision) {
        return changeIf(id, order -> true, decision);
    }

    /** Applies {@code decision} only if the order, as loaded, is one it {@code appliesTo}; else changes nothing. */
    public Order changeIf(OrderId id, java.util.function.Predicate<Order> appliesTo,
                          BiFunction<Order, Instant, Order.Change> decision) {
        return unitOfWork.inTransaction(() -> {
            Order current = orders.byId(id).orElseThrow(() -> new NotFoundException("order", id));
            if (!appliesTo.test(current)) {
                return current;
            }
            Order.Change change = decision.apply(current, clock.instant());
            if (!orders.replace(change.order(), current.version())) {
                throw new StaleVersionException("order", id, current.version());
            }
            outbox.append(change.event());
            return change.order();
        });
    }
}
