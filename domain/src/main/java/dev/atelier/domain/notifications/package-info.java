/**
 * The notifications context (seeds 000, 002): tells people what happened to their orders and designs, over
 * the log, Telegram and webhooks. A {@link dev.atelier.domain.notifications.Notification} records every
 * delivery attempt's outcome and decides whether to try again.
 */
package dev.atelier.domain.notifications;
