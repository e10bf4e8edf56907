package dev.atelier.application.notifications;

import dev.atelier.application.messaging.EventHandler;
import dev.atelier.application.messaging.InboundEvent;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.shared.Money;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides who is told what. Order status changes go to the order's contact, design status changes to the
 * design's owner, a failed saga to the operators; each message is rendered from its template and written
 * down as pending notifications in the consumed event's transaction (so a redelivered event plans nothing
 * twice). Sending is the dispatcher's job, so a slow channel never holds up consumption.
 */
public final class NotificationPlanner implements EventHandler {

    private static final Set<String> ORDER_EVENTS = Set.of("order.created", "order.confirmed", "order.paid",
            "order.assembled", "order.canceled", "order.refunded");

    private final Notifications notifications;
    private final NotificationTemplates templates;
    private final NotificationSettings settings;
    private final MessageDecoder decoder;
    private final Clock clock;

    public NotificationPlanner(Notifications notifications, NotificationTemplates templates, NotificationSettings settings,
                               MessageDecoder decoder, Clock clock) {
        this.notifications = notifications;
        this.templates = templates;
        this.settings = settings;
        this.decoder = decoder;
        this.clock = clock;
    }

    /**
     * The fields of an order event that notifications use.
     *
     * @param total read as the domain's Money, which holds any producer's event to what an amount may be before the
     *              text shows it in full (an exponent of a hundred million would write out a hundred million digits)
     */
    public record OrderView(String orderId, String customerId, String status, Money total, List<Item> items,
                            Contact contact, String reason) {

        public record Item(String sku, int quantity) {
        }

        public record Contact(String telegramChatId, String email, String phone, String webhookUrl) {
        }
    }

    /** The fields of a design status change that notifications use. */
    public record DesignView(String designId, String title, String userId, String oldStatus, String newStatus,
                             String reason) {
    }

    /** The fields of a saga event that notifications use. */
    public record SagaView(String sagaId, String orderId, String reason) {
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public boolean accepts(String eventType) {
        return ORDER_EVENTS.contains(eventType) || eventType.equals("design.status_changed")
                || eventType.equals("saga.failed") || eventType.equals(NotificationRequested.TYPE);
    }

    @Override
    public Set<String> streams() {
        return Set.of("orders", "designs", "sagas", NotificationRequested.STREAM);
    }

    @Override
    public void handle(InboundEvent event) {
        if (ORDER_EVENTS.contains(event.type())) {
            order(event, decoder.decode(event, OrderView.class));
        } else if (event.type().equals("design.status_changed")) {
            design(event, decoder.decode(event, DesignView.class));
        } else if (event.type().equals("saga.failed")) {
            sagaFailed(event, decoder.decode(event, SagaView.class));
        } else if (event.type().equals(NotificationRequested.TYPE)) {
            requested(event, decoder.decode(event, NotificationRequested.class));
        }
    }

    private void order(InboundEvent event, OrderView order) {
        Map<String, String> values = new HashMap<>();
        values.put("order_id", order.orderId());
        values.put("customer_id", order.customerId());
        values.put("status", order.status());
        values.put("total", order.total() == null ? "" : order.total().amount().toPlainString() + " " + order.total().currency());
        values.put("items", order.items() == null ? "" : order.items().stream()
                .map(item -> item.quantity() + " x " + item.sku()).collect(Collectors.joining(", ")));
        values.put("reason", order.reason() == null ? "" : order.reason());
        String text = templates.render(event.type(), values);
        OrderView.Contact contact = order.contact();
        plan(event, order.orderId(), Channel.LOG, "customer " + order.customerId(), event.type(), text);
        if (settings.telegramEnabled()) {
            String chat = contact != null && NotificationSettings.present(contact.telegramChatId())
                    ? contact.telegramChatId() : settings.defaultTelegramChat();
            if (NotificationSettings.present(chat)) {
                plan(event, order.orderId(), Channel.TELEGRAM, chat, event.type(), text);
            }
        }
        if (settings.webhookEnabled()) {
            String url = contact != null && NotificationSettings.present(contact.webhookUrl())
                    ? contact.webhookUrl() : settings.defaultWebhookUrl();
            if (NotificationSettings.present(url)) {
                plan(event, order.orderId(), Channel.WEBHOOK, url, event.type(), text);
            }
        }
    }

    private void design(InboundEvent event, DesignView design) {
        String text = templates.render("design.status_changed", Map.of(
                "design_id", design.designId(), "title", design.title(), "old_status", design.oldStatus(),
                "new_status", design.newStatus(),
                "reason", design.reason() == null ? "" : " (" + design.reason() + ")"));
        plan(event, null, Channel.LOG, "user " + design.userId(), "design.status_changed", text);
    }

    private void sagaFailed(InboundEvent event, SagaView saga) {
        String text = templates.render("saga.failed", Map.of("order_id", saga.orderId(), "saga_id", saga.sagaId(),
                "reason", saga.reason() == null ? "" : saga.reason()));
        plan(event, saga.orderId(), Channel.LOG, "operators", "saga.failed", text);
        if (settings.telegramEnabled() && NotificationSettings.present(settings.defaultTelegramChat())) {
            plan(event, saga.orderId(), Channel.TELEGRAM, settings.defaultTelegramChat(), "saga.failed", text);
        }
    }

    private void requested(InboundEvent event, NotificationRequested request) {
        Channel channel = Channel.parse("channel", request.channel());
        String recipient = request.recipient();
        if (!NotificationSettings.present(recipient)) {
            recipient = switch (channel) {
                case LOG -> "log";
                case TELEGRAM -> settings.defaultTelegramChat();
                case WEBHOOK -> settings.defaultWebhookUrl();
            };
        }
        plan(event, request.orderId(), channel, recipient, "custom", request.text());
    }

    private void plan(InboundEvent event, String orderId, Channel channel, String recipient, String template, String text) {
        notifications.add(Notification.plan(event.eventId(), event.type(), orderId, channel, recipient, template, text,
                clock.instant()));
    }

}
