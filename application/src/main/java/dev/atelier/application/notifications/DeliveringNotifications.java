package dev.atelier.application.notifications;

import dev.atelier.application.messaging.EventOutbox;
import dev.atelier.application.messaging.RetryPolicy;
import dev.atelier.application.shared.UnitOfWork;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.notifications.NotificationEvent;
import dev.atelier.domain.notifications.NotificationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sends due notifications. Each is claimed for a lease, sent outside any transaction (a slow channel holds
 * no locks), and its attempt recorded: sent → {@code notification.sent}; a retryable failure with attempts
 * left → pending again after an exponential backoff (NOTIFICATION_RETRY_BACKOFF_BASE, then twice that, ...);
 * otherwise failed → {@code notification.failed}, which also goes to the {@code notifications.dlq} topic.
 */
public final class DeliveringNotifications {

    private final UnitOfWork unitOfWork;
    private final Notifications notifications;
    private final NotificationChannels channels;
    private final EventOutbox outbox;
    private final RetryPolicy retryPolicy;
    /** Time kept at the end of a lease to record the batch's outcomes before anyone may claim it again. */
    static final Duration RECORDING_MARGIN = Duration.ofSeconds(5);
    /** Outcomes between two compactions of the queue ({@link Notifications#compact()}). */
    static final int COMPACT_EVERY = 10_000;
    /** Deliveries attempted since the queue was last compacted; only the dispatcher's thread delivers. */
    private long recordedSinceCompaction;

    private final Duration lease;
    private final Duration longestSend;
    private final Clock clock;
    private final AttemptListener attempts;

    /** Told of every delivery attempt once it is recorded; the event log listens here. */
    public interface AttemptListener {
        /** @param after the notification as the attempt left it (sent, pending for a retry, or failed) */
        void attempted(Notification after, Notifications.Attempt attempt);

        AttemptListener NONE = (after, attempt) -> { };
    }

    /**
     * @param lease       how long a claimed notification is this dispatcher's alone
     * @param longestSend the longest one send can take (a channel's connect plus answer timeouts); with the
     *                    recording margin it must fit in the lease, or nothing could be sent safely
     */
    public DeliveringNotifications(UnitOfWork unitOfWork, Notifications notifications, NotificationChannels channels,
                                   EventOutbox outbox, RetryPolicy retryPolicy, Duration lease, Duration longestSend,
                                   Clock clock, AttemptListener attempts) {
        if (lease.compareTo(longestSend.plus(RECORDING_MARGIN)) <= 0) {
            throw new IllegalArgumentException("the notification lease (" + lease + ") must be longer than the longest"
                    + " a send can take (" + longestSend + ", twice the HTTP timeout) plus " + RECORDING_MARGIN
                    + " to record it");
        }
        this.attempts = attempts;
        this.unitOfWork = unitOfWork;
        this.notifications = notifications;
        this.channels = channels;
        this.outbox = outbox;
        this.retryPolicy = retryPolicy;
        this.lease = lease;
        this.longestSend = longestSend;
        this.clock = clock;
    }

    /**
     * Sends up to {@code limit} due notifications and records their outcomes together in one transaction;
     * returns how many were attempted. Should the process die before that commit, the lease runs out and the
     * batch is sent again: channels get at-least-once delivery, like any broker consumer.
     *
     * <p>A notification is sent only while its lease still covers the longest a send can take and the
     * recording of the batch after it: after the lease another dispatcher may claim the batch and send it
     * again. When slow channels use the lease up, the rest of the batch stays unsent until its lease ends,
     * and then any dispatcher takes it again.
     *
     * <p>Every {@link #COMPACT_EVERY} outcomes, once their transaction committed, the queue is compacted.
     */
    public int deliverDue(int limit) {
        Instant claimedAt = clock.instant();
        List<Notification> due = unitOfWork.inTransaction(() -> notifications.claimDue(claimedAt, lease, limit));
        Instant lastSafeStart = claimedAt.plus(lease).minus(longestSend).minus(RECORDING_MARGIN);
        List<Delivery> deliveries = new ArrayList<>(due.size());
        for (Notification notification : due) {
            Instant started = clock.instant();
            if (started.isAfter(lastSafeStart)) {
                break;
            }
            DeliveryResult result = channels.send(notification);
            deliveries.add(new Delivery(notification, result, started, clock.instant()));
        }
        if (!deliveries.isEmpty()) {
            List<Notifications.Outcome> recorded = unitOfWork.inTransaction(() -> record(deliveries));
            recorded.forEach(outcome -> attempts.attempted(outcome.after(), outcome.attempt()));
        }
        recordedSinceCompaction += deliveries.size();
        if (recordedSinceCompaction >= COMPACT_EVERY) {
            recordedSinceCompaction = 0;
            notifications.compact();
        }
        return deliveries.size();
    }

    /** One send of a claimed notification, to be recorded with the rest of its batch. */
    private record Delivery(Notification notification, DeliveryResult result, Instant started, Instant finished) {
    }

    /**
     * Stores the batch's outcomes in one go and appends the events of those stored; returns those. A notification
     * that moved on meanwhile (another dispatcher took it once this one's lease ran out, and recorded its attempt
     * first) keeps that state, and this attempt is not recorded.
     */
    private List<Notifications.Outcome> record(List<Delivery> deliveries) {
        List<Notification.Change> changes = new ArrayList<>(deliveries.size());
        List<Notifications.Outcome> outcomes = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            Notification before = delivery.notification();
            Notification.Change change = before.record(delivery.result(), retryPolicy.maxAttempts(),
                    retryPolicy::delayBefore, delivery.finished());
            changes.add(change);
            outcomes.add(new Notifications.Outcome(change.notification(), before.attempts(), before.status(),
                    new Notifications.Attempt(before.id(), change.notification().attempts(), delivery.started(),
                            delivery.finished(), delivery.result().delivered(), delivery.result().statusCode(),
                            delivery.result().error())));
        }
        Set<NotificationId> stored = notifications.recordOutcomes(outcomes);
        List<Notifications.Outcome> recorded = new ArrayList<>(stored.size());
        for (int i = 0; i < outcomes.size(); i++) {
            if (stored.contains(outcomes.get(i).after().id())) {
                recorded.add(outcomes.get(i));
                changes.get(i).event().ifPresent(event -> {
                    outbox.append(event);
                    if (event.type().equals(NotificationEvent.FAILED)) {
                        outbox.append(new NotificationDeadLetter(event));
                    }
                });
            }
        }
        return recorded;
    }
}
