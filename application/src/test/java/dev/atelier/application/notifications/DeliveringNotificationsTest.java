package dev.atelier.application.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.application.messaging.RetryPolicy;
import dev.atelier.application.messaging.contract.TransactionalFakes;
import dev.atelier.application.shared.Page;
import dev.atelier.application.shared.PageRequest;
import dev.atelier.application.testing.ManualClock;
import dev.atelier.domain.notifications.Channel;
import dev.atelier.domain.notifications.DeliveryResult;
import dev.atelier.domain.notifications.Notification;
import dev.atelier.domain.notifications.NotificationId;
import dev.atelier.domain.notifications.NotificationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Sending a claimed batch: each send must start while the claim's lease still covers the longest send. */
class DeliveringNotificationsTest {

    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration LONGEST_SEND = Duration.ofSeconds(20);


    /** Pending notifications in memory; a claim takes every due one for the lease. */
    private static final class StoredNotifications implements Notifications {
        private final Map<NotificationId, Notification> byId = new LinkedHashMap<>();
        private final List<Attempt> attempts = new ArrayList<>();
        /** For each compaction, how many attempts were recorded when it ran. */
        private final List<Integer> compactions = new ArrayList<>();

        @Override
        public void add(Notification notification) {
            byId.putIfAbsent(notification.id(), notification);
        }

        @Override
        public Optional<Notification> byId(NotificationId id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public boolean replace(Notification notification, int expectedAttempts, NotificationStatus expectedStatus) {
            Notification stored = byId.get(notification.id());
            if (stored.attempts() != expectedAttempts || stored.status() != expectedStatus) {
                return false;
            }
            byId.put(notification.id(), notification);
            return true;
        }

        @Override
        public List<Notification> claimDue(Instant now, Duration lease, int limit) {
            return byId.values().stream()
                    .filter(n -> n.status() == NotificationStatus.PENDING && !n.nextAttemptAt().isAfter(now))
                    .limit(limit).toList();
        }

        @Override
        public Set<NotificationId> recordOutcomes(List<Outcome> outcomes) {
            Set<NotificationId> stored = new HashSet<>();
            for (Outcome outcome : outcomes) {
                if (replace(outcome.after(), outcome.expectedAttempts(), outcome.expectedStatus())) {
                    attempts.add(outcome.attempt());
                    stored.add(outcome.after().id());
                }
            }
            return stored;
        }

        @Override
        public void compact() {
            compactions.add(attempts.size());
        }

        @Override
        public List<Attempt> attemptsOf(NotificationId id) {
            return attempts.stream().filter(a -> a.notificationId().equals(id)).toList();
        }

        @Override
        public Page<Notification> find(Filter filter, PageRequest page) {
            throw new UnsupportedOperationException();
        }
    }

    private final ManualClock clock = new ManualClock();
    private final StoredNotifications notifications = new StoredNotifications();
    private final TransactionalFakes transactions = new TransactionalFakes();
    private final List<NotificationId> sent = new ArrayList<>();

    private DeliveringNotifications delivering(Duration eachSendTakes) {
        NotificationChannels slowChannel = notification -> {
            sent.add(notification.id());
            clock.advance(eachSendTakes);
            return DeliveryResult.delivered(200);
        };
        return new DeliveringNotifications(transactions, notifications, slowChannel, transactions,
                new RetryPolicy(3, Duration.ofSeconds(1)), LEASE, LONGEST_SEND, clock,
                DeliveringNotifications.AttemptListener.NONE);
    }

    private List<Notification> planned(int count) {
        List<Notification> planned = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Notification notification = Notification.plan(UUID.randomUUID(), "order.paid", "order-" + i,
                    Channel.WEBHOOK, "http://127.0.0.1:1/hook", "order.paid", "paid", clock.instant());
            notifications.add(notification);
            planned.add(notification);
        }
        return planned;
    }

    @Test
    void a_batch_is_sent_and_recorded() {
        List<Notification> batch = planned(5);

        assertThat(delivering(Duration.ofMillis(10)).deliverDue(50)).isEqualTo(5);

        assertThat(sent).containsExactlyElementsOf(batch.stream().map(Notification::id).toList());
        assertThat(batch).allSatisfy(n -> assertThat(notifications.byId(n.id()).orElseThrow().status())
                .isEqualTo(NotificationStatus.SENT));
        assertThat(transactions.outbox()).hasSize(5);
    }

    @Test
    void a_send_starts_only_while_the_lease_still_covers_the_longest_send() {
        List<Notification> batch = planned(5);

        // Sends start at 0 s, 12 s, 24 s. One starting at 36 s could take 20 s, and recording the batch up to 5 s
        // more, past the lease (60 s), when another dispatcher may have claimed the batch and sent it too.
        assertThat(delivering(Duration.ofSeconds(12)).deliverDue(50)).isEqualTo(3);

        assertThat(sent).containsExactlyElementsOf(batch.subList(0, 3).stream().map(Notification::id).toList());
        assertThat(batch.subList(0, 3)).allSatisfy(n -> assertThat(notifications.byId(n.id()).orElseThrow().status())
                .isEqualTo(NotificationStatus.SENT));
        assertThat(batch.subList(3, 5)).as("left for when their lease ends").allSatisfy(n -> {
            Notification now = notifications.byId(n.id()).orElseThrow();
            assertThat(now.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(now.attempts()).isZero();
            assertThat(notifications.attemptsOf(n.id())).isEmpty();
        });
    }

    /** Another dispatcher, whose claim this one's outlived, recorded its own attempt first: that one stands. */
    @Test
    void an_outcome_for_a_notification_moved_on_meanwhile_is_left_out_with_its_attempt_and_its_event() {
        List<Notification> batch = planned(3);
        Notification overtaken = batch.get(1);
        NotificationChannels channel = notification -> {
            if (notification.id().equals(overtaken.id())) {
                notifications.byId.put(overtaken.id(), overtaken.record(DeliveryResult.failed(true, 503, "busy"), 3,
                        attempt -> Duration.ofSeconds(1), clock.instant()).notification());
            }
            return DeliveryResult.delivered(200);
        };
        List<NotificationId> told = new ArrayList<>();
        DeliveringNotifications dispatcher = new DeliveringNotifications(transactions, notifications, channel,
                transactions, new RetryPolicy(3, Duration.ofSeconds(1)), LEASE, LONGEST_SEND, clock,
                (after, attempt) -> told.add(after.id()));

        assertThat(dispatcher.deliverDue(50)).isEqualTo(3);

        Notification kept = notifications.byId(overtaken.id()).orElseThrow();
        assertThat(kept.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(kept.attempts()).isEqualTo(1);
        assertThat(notifications.attemptsOf(overtaken.id())).isEmpty();
        assertThat(told).containsExactly(batch.get(0).id(), batch.get(2).id());
        assertThat(transactions.outbox()).as("notification.sent for the two recorded only").hasSize(2);
    }

    @Test
    void a_lease_too_short_for_one_send_is_refused_at_start() {
        assertThatThrownBy(() -> new DeliveringNotifications(transactions, notifications, n -> null, transactions,
                new RetryPolicy(3, Duration.ofSeconds(1)), LONGEST_SEND.plus(DeliveringNotifications.RECORDING_MARGIN),
                LONGEST_SEND, clock,
                DeliveringNotifications.AttemptListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be longer than the longest a send can take");
    }

    @Test
    void the_queue_is_compacted_once_per_so_many_recorded_outcomes() {
        planned(DeliveringNotifications.COMPACT_EVERY + 700);
        DeliveringNotifications dispatcher = delivering(Duration.ZERO);

        while (dispatcher.deliverDue(1_000) > 0) {
            assertThat(notifications.compactions).as("not before " + DeliveringNotifications.COMPACT_EVERY)
                    .hasSize(notifications.attempts.size() >= DeliveringNotifications.COMPACT_EVERY ? 1 : 0);
        }

        assertThat(notifications.compactions).as("once, after the outcomes that reached the count were recorded")
                .containsExactly(DeliveringNotifications.COMPACT_EVERY);
    }
}
