package dev.atelier.application.notifications;

import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.notifications.NotificationId;
import dev.atelier.domain.notifications.NotificationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Notifications and every delivery attempt. */
public interface Notifications {

    /** Stores a planned notification; one per (event, channel, recipient), a repeat is ignored. */
    void add(Notification notification);

    Optional<Notification> byId(NotificationId id);

    /** Stores the notification's new state if it is still at {@code expectedAttempts} attempts and pending. */
    boolean replace(Notification notification, int expectedAttempts, NotificationStatus expectedStatus);

    /**
     * Pending notifications that are due, claimed for {@code lease}: other dispatchers skip them until the
     * lease ends, so two instances never send the same attempt; a dispatcher that dies loses only its lease.
     */
    List<Notification> claimDue(Instant now, Duration lease, int limit);

    /**
     * Stores a dispatcher's batch of outcomes together: each notification's new state only if it is still as it
     * was read (a dispatcher that claimed it after this one's lease ran out may have recorded its own attempt
     * first), and with it the attempt. Returns the ids of the notifications it stored; the others, and their
     * attempts, are left out.
     *
     * @throws IllegalArgumentException when a notification appears more than once in the batch
     */
    Set<NotificationId> recordOutcomes(List<Outcome> outcomes);

    /**
     * Reclaims the room that sent notifications leave in the queue of pending ones, so that a claim stays quick:
     * a claim reads the queue from its front, and in PostgreSQL what left it stays there until a vacuum. Called by
     * the dispatcher outside any transaction, every so many outcomes. A failure is logged, not thrown.
     */
    void compact();

    List<Attempt> attemptsOf(NotificationId id);

    Page<Notification> find(Filter filter, PageRequest page);

    record Filter(String orderId, NotificationStatus status, Channel channel) {
    }

    /** A notification as an attempt left it, if it was still {@code expectedAttempts} and {@code expectedStatus}. */
    record Outcome(Notification after, int expectedAttempts, NotificationStatus expectedStatus, Attempt attempt) {
        public Outcome {
            if (!attempt.notificationId().equals(after.id())) {
                throw new IllegalArgumentException("the attempt of " + attempt.notificationId()
                        + " recorded with notification " + after.id());
            }
        }
    }

    /** One delivery attempt: when, how it went, what the channel answered. */
    record Attempt(NotificationId notificationId, int attempt, Instant startedAt, Instant finishedAt, boolean delivered,
                   int statusCode, String error) {
    }
}
