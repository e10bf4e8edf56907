package dev.atelier.application.orders;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.ReadSet;
import dev.atelier.application.shared.StaleVersionException;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

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
    public Order changeIf(OrderId id, Predicate<Order> appliesTo, BiFunction<Order, Instant, Order.Change> decision) {
        return inOneTransaction(List.of(id), loaded -> loaded.changeIf(id, appliesTo, decision));
    }

    /**
     * Loads the orders named with one statement, lets {@code changes} make whatever changes it has for them, and
     * stores those that changed with one statement, all in one transaction. If another transaction changed one of
     * them meanwhile, nothing is stored and a {@link StaleVersionException} says so.
     */
    public void changeTogether(Collection<OrderId> ids, Consumer<Loaded> changes) {
        inOneTransaction(ids, loaded -> {
            changes.accept(loaded);
            return null;
        });
    }

    private <T> T inOneTransaction(Collection<OrderId> ids, Function<Loaded, T> changes) {
        return unitOfWork.inTransaction(() -> {
            Loaded loaded = new Loaded(orders.byIds(ids));
            T result = changes.apply(loaded);
            loaded.store();
            return result;
        });
    }

    /**
     * Orders read together for one transaction. Each change applies to the order as the changes before it left it,
     * as if each had its own transaction; its event goes to the outbox at once, in the same transaction. The orders
     * are written back once, each over the version it was read at.
     */
    public final class Loaded {

        private final ReadSet<OrderId, Order> read;

        private Loaded(List<Order> orders) {
            this.read = new ReadSet<>("order", orders, Order::id, Order::version);
        }

        /** See {@link ChangingOrders#changeIf}; an order that was not read here is not found. */
        public Order changeIf(OrderId id, Predicate<Order> appliesTo, BiFunction<Order, Instant, Order.Change> decision) {
            Order current = read.current(id);
            if (current == null) {
                throw new NotFoundException("order", id);
            }
            if (!appliesTo.test(current)) {
                return current;
            }
            Order.Change change = decision.apply(current, clock.instant());
            read.changed(change.order());
            outbox.append(change.event());
            return change.order();
        }

        private void store() {
            read.writeBack(orders::replaceAll);
        }
    }
}
