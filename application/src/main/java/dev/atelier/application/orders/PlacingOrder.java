package dev.atelier.application.orders;

import dev.atelier.application.shared.NotFoundException;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.application.shared.UnprocessableException;
import dev.atelier.application.shared.WebhookTargets;
import dev.atelier.domain.orders.DesignReference;
import dev.atelier.domain.orders.Order;
import dev.atelier.domain.orders.OrderId;
import dev.atelier.domain.orders.OrderLine;
import dev.atelier.domain.shared.InvalidValueException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Order intake. The idempotency key is claimed first, in the same transaction as the order, so concurrent
 * repeats queue behind the first and then find what it created; a request that fails releases its key. Without a
 * key there is nothing to claim, and no unit of work is opened: {@link Orders} stores the order and its event
 * atomically by itself, which spares the database a transaction of its own.
 */
public final class PlacingOrder implements PlaceOrderUseCase {

    private final UnitOfWork unitOfWork;
    private final Orders orders;
    private final ApprovedDesigns approvedDesigns;
    private final IdempotencyKeys idempotencyKeys;
    private final WebhookTargets webhookTargets;
    private final Clock clock;

    public PlacingOrder(UnitOfWork unitOfWork, Orders orders, ApprovedDesigns approvedDesigns,
                        IdempotencyKeys idempotencyKeys, WebhookTargets webhookTargets, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.orders = orders;
        this.approvedDesigns = approvedDesigns;
        this.idempotencyKeys = idempotencyKeys;
        this.webhookTargets = webhookTargets;
        this.clock = clock;
    }

    @Override
    public Placed place(Command command, String idempotencyKey) {
        if (command.contact() != null && command.contact().webhookUrl() != null) {
            webhookTargets.refusal(command.contact().webhookUrl()).ifPresent(reason -> {
                throw new InvalidValueException("contact.webhook_url", "webhook_url " + reason);
            });
        }
        OrderId id = OrderId.newId();
        if (idempotencyKey == null) {
            return store(id, command);
        }
        return unitOfWork.inTransaction(() -> {
            Optional<IdempotencyKeys.Claim> earlier = idempotencyKeys.claim(idempotencyKey, command.fingerprint(), id);
            if (earlier.isPresent()) {
                return replay(idempotencyKey, command, earlier.get());
            }
            return store(id, command);
        });
    }

    private Placed store(OrderId id, Command command) {
        Order.Change created = Order.create(id, command.customer(), command.lines(), command.contact(), clock.instant());
        if (!orders.placeIfDesignsApproved(created)) {
            throw notApproved(command);
        }
        return new Placed(created.order(), false);
    }

    /**
     * Names the designs that kept the order out. The check and this read are two statements, so a design may have
     * been approved in between; the message then says so instead of naming none.
     */
    private UnprocessableException notApproved(Command command) {
        Set<DesignReference> refused = approvedDesigns.notApproved(
                command.lines().stream().map(OrderLine::designId).collect(Collectors.toSet()));
        if (refused.isEmpty()) {
            return new UnprocessableException("a design of the order was approved while the order was being placed;"
                    + " place it again");
        }
        return new UnprocessableException("designs not approved for ordering: " + refused.stream()
                .map(DesignReference::toString).sorted().collect(Collectors.joining(", ")));
    }

    private Placed replay(String key, Command command, IdempotencyKeys.Claim earlier) {
        if (!earlier.fingerprint().equals(command.fingerprint())) {
            throw new UnprocessableException("Idempotency-Key '" + key + "' was already used for a different request");
        }
        Order order = orders.byId(earlier.orderId()).orElseThrow(() -> new NotFoundException("order", earlier.orderId()));
        return new Placed(order, true);
    }
}
