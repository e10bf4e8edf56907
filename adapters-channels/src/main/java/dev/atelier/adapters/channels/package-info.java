/**
 * Notification channels: the service log, the Telegram Bot API ({@code sendMessage}) and webhooks signed
 * with HMAC-SHA256. A channel never throws; it classifies each outcome as delivered, worth retrying, or
 * refused for good. Secrets (the bot token, the webhook secret) never appear in results or logs.
 */
package dev.atelier.adapters.channels;
