package dev.atelier.adapters.channels;

import dev.atelier.application.notifications.NotificationChannels;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes each notification to its channel. */
@Singleton
class ChannelGateway implements NotificationChannels {

    private static final Logger NOTIFICATIONS = LoggerFactory.getLogger("atelier.notifications");

    private final TelegramChannel telegram;
    private final WebhookChannel webhook;

    ChannelGateway(TelegramChannel telegram, WebhookChannel webhook) {
        this.telegram = telegram;
        this.webhook = webhook;
    }

    @Override
    public DeliveryResult send(Notification notification) {
        return switch (notification.channel()) {
            case LOG -> {
                NOTIFICATIONS.info("to {}: {}", notification.recipient(), notification.text());
                yield DeliveryResult.delivered(0);
            }
            case TELEGRAM -> telegram.send(notification.recipient(), notification.text());
            case WEBHOOK -> webhook.send(notification);
        };
    }
}
