package dev.atelier.domain.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atelier.domain.shared.IllegalTransitionException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class NotificationTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final IntFunction<Duration> BACKOFF = attempt -> Duration.ofSeconds(1L << (attempt - 2));
    private static final DeliveryResult SERVER_ERROR = DeliveryResult.failed(true, 500, "telegram 500");
    private static final DeliveryResult CHAT_NOT_FOUND = DeliveryResult.failed(false, 400, "chat not found");

    private static Notification planned() {
        return Notification.plan(UUID.randomUUID(), "order.created", "o-1", Channel.TELEGRAM, "1001", "order.created",
                "hello", NOW);
    }

    @Test
    void a_planned_notification_has_an_id_made_at_its_planning_time() {
        UUID id = planned().id().value();

        assertThat(id.version()).as("time-ordered, so its inserts go to the indexes' end").isEqualTo(7);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void a_delivered_notification_is_sent_and_says_so() {
        Notification.Change change = planned().record(DeliveryResult.delivered(200), 3, BACKOFF, NOW);

        assertThat(change.notification().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(change.notification().attempts()).isEqualTo(1);
        assertThat(change.event()).get().extracting(NotificationEvent::type).isEqualTo("notification.sent");
    }

    @Test
    void a_retryable_failure_waits_one_then_two_seconds_then_gives_up_after_the_last_attempt() {
        Notification.Change first = planned().record(SERVER_ERROR, 3, BACKOFF, NOW);
        assertThat(first.notification().status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(first.notification().nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(first.event()).isEmpty();

        Notification.Change second = first.notification().record(SERVER_ERROR, 3, BACKOFF, NOW);
        assertThat(second.notification().nextAttemptAt()).isEqualTo(NOW.plusSeconds(2));

        Notification.Change third = second.notification().record(SERVER_ERROR, 3, BACKOFF, NOW);
        assertThat(third.notification().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(third.notification().attempts()).isEqualTo(3);
        assertThat(third.event()).get().extracting(NotificationEvent::type).isEqualTo("notification.failed");
    }

    @Test
    void a_refusal_that_cannot_succeed_fails_at_once() {
        Notification.Change change = planned().record(CHAT_NOT_FOUND, 3, BACKOFF, NOW);

        assertThat(change.notification().status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(change.notification().attempts()).isEqualTo(1);
        assertThat(change.notification().lastError()).isEqualTo("chat not found");
    }

    @Test
    void only_a_failed_notification_can_be_sent_again() {
        Notification failed = planned().record(CHAT_NOT_FOUND, 3, BACKOFF, NOW).notification();
        Notification again = failed.retry(NOW.plusSeconds(60));

        assertThat(again.status()).isEqualTo(NotificationStatus.PENDING);
        assertThat(again.attempts()).isZero();
        assertThatThrownBy(() -> planned().retry(NOW)).isInstanceOf(IllegalTransitionException.class);
    }
}
