package dev.atelier.application.notifications;

import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;

/** Sends a notification over its channel (log, Telegram, webhook). Never throws: failures are results. */
public interface NotificationChannels {

    DeliveryResult send(Notification notification);
}
