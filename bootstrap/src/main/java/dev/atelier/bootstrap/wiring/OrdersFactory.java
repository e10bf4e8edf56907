package dev.atelier.bootstrap.wiring;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.application.orders.ApprovedDesigns;
import dev.atelier.application.orders.ChangingOrders;
import dev.atelier.application.orders.DesignsProjection;
import dev.atelier.application.orders.FindOrdersUseCase;
import dev.atelier.application.orders.IdempotencyKeys;
import dev.atelier.application.orders.OrderProgress;
import dev.atelier.application.orders.Orders;
import dev.atelier.application.orders.PlacingOrder;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.application.shared.WebhookTargets;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The orders context: intake, queries, cancellation, and its two consumers. */
@Factory
class OrdersFactory {

    @Singleton
    PlacingOrder placingOrder(UnitOfWork unitOfWork, Orders orders, ApprovedDesigns approvedDesigns,
                              IdempotencyKeys idempotencyKeys, WebhookTargets webhookTargets, Clock clock) {
        return new PlacingOrder(unitOfWork, orders, approvedDesigns, idempotencyKeys, webhookTargets, clock);
    }

    @Singleton
    FindOrdersUseCase findOrders(Orders orders) {
        return new FindOrdersUseCase(orders);
    }

    @Singleton
    ChangingOrders changingOrders(UnitOfWork unitOfWork, Orders orders, EventOutbox outbox, Clock clock) {
        return new ChangingOrders(unitOfWork, orders, outbox, clock);
    }

    @Singleton
    DesignsProjection designsProjection(ApprovedDesigns approvedDesigns, MessageDecoder decoder) {
        return new DesignsProjection(approvedDesigns, decoder);
    }

    @Singleton
    OrderProgress orderProgress(ChangingOrders changing, MessageDecoder decoder) {
        return new OrderProgress(changing, decoder);
    }
}
