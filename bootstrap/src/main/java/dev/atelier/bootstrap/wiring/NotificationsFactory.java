package dev.atelier.bootstrap.wiring;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.MessageDecoder;
import dev.atelier.application.messaging.RetryPolicy;
import dev.atelier.application.eventlog.NotificationLog;
import dev.atelier.application.notifications.DeliveringNotifications;
import dev.atelier.application.notifications.NotificationChannels;
import dev.atelier.application.notifications.NotificationPlanner;
import dev.atelier.application.notifications.NotificationRequests;
import dev.atelier.application.notifications.NotificationSettings;
import dev.atelier.application.notifications.NotificationTemplates;
import dev.atelier.application.notifications.Notifications;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.application.shared.WebhookTargets;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

/** The notifications context: planning, delivery, requests; templates from a file that can be replaced. */
@Factory
class NotificationsFactory {

    /** The built-in wording, or NOTIFICATION_TEMPLATES (a properties file) to reword without a rebuild. */
    @Singleton
    NotificationTemplates templates(@Value("${atelier.notifications.templates:}") String file) {
        Properties templates = new Properties();
        try (InputStream in = file.isBlank()
                ? NotificationsFactory.class.getResourceAsStream("/notifications/templates.properties")
                : Files.newInputStream(Path.of(file))) {
            templates.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read notification templates " + file, e);
        }
        return new NotificationTemplates(templates);
    }

    @Singleton
    NotificationSettings settings(@Value("${atelier.notifications.telegram.enabled:false}") boolean telegramEnabled,
                                  @Value("${atelier.notifications.telegram.chat-id:}") String chatId,
                                  @Value("${atelier.notifications.webhook.secret:}") String webhookSecret,
                                  @Value("${atelier.notifications.webhook.default-url:}") String webhookUrl) {
        return new NotificationSettings(telegramEnabled, chatId, !webhookSecret.isBlank(), webhookUrl);
    }

    /**
     * Where webhooks may go; the orders module checks a contact's webhook against the same rule. Made at start-up,
     * so that an entry of WEBHOOK_ALLOWED_HOSTS that is not a host stops the start rather than the first order.
     */
    @Context
    WebhookTargets webhookTargets(@Value("${atelier.notifications.webhook.allowed-hosts:}") String allowedHosts,
                                  @Value("${atelier.notifications.webhook.default-url:}") String webhookUrl) {
        return WebhookTargets.of(allowedHosts, webhookUrl);
    }

    @Singleton
    NotificationPlanner planner(Notifications notifications, NotificationTemplates templates,
                                NotificationSettings settings, MessageDecoder decoder, Clock clock) {
        return new NotificationPlanner(notifications, templates, settings, decoder, clock);
    }

    @Singleton
    DeliveringNotifications delivering(UnitOfWork unitOfWork, Notifications notifications, NotificationChannels channels,
                                       EventOutbox outbox, Clock clock, NotificationLog attempts,
                                       @Value("${atelier.notifications.retry.max-attempts:3}") int maxAttempts,
                                       @Value("${atelier.notifications.retry.backoff-base:1s}") Duration backoffBase,
                                       @Value("${atelier.notifications.lease:60s}") Duration lease,
                                       @Value("${atelier.notifications.http-timeout:10s}") Duration httpTimeout) {
        // An HTTP channel may wait its timeout to connect and then again for the answer.
        return new DeliveringNotifications(unitOfWork, notifications, channels, outbox,
                new RetryPolicy(maxAttempts, backoffBase), lease, httpTimeout.multipliedBy(2), clock, attempts);
    }

    @Singleton
    NotificationRequests requests(UnitOfWork unitOfWork, Notifications notifications, EventOutbox outbox,
                                  WebhookTargets webhookTargets, Clock clock) {
        return new NotificationRequests(unitOfWork, notifications, outbox, webhookTargets, clock);
    }
}
