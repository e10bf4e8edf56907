package dev.atelier.application.notifications;

/**
 * Which channels are on, and where messages go when an order names no recipient of its own.
 *
 * @param defaultTelegramChat the chat for orders without {@code telegram_chat_id}, and the operators' chat
 * @param defaultWebhookUrl   the webhook for orders without {@code webhook_url}; null for none
 */
public record NotificationSettings(boolean telegramEnabled, String defaultTelegramChat, boolean webhookEnabled,
                                   String defaultWebhookUrl) {

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
