package dev.atelier.bootstrap.relay;

import dev.atelier.application.notifications.DeliveringNotifications;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Sends due notifications on a thread of its own, apart from the consumers, so a slow or failing channel
 * delays only notifications and never the consumption of events.
 */
@Singleton
@Requires(property = "atelier.notifications.dispatcher.enabled", notEquals = "false")
class NotificationDispatcher extends BackgroundWorker {

    private static final int BATCH = 50;

    private final DeliveringNotifications delivering;
    private final Duration idlePause;

    NotificationDispatcher(DeliveringNotifications delivering,
                           @Value("${atelier.notifications.dispatcher.idle-pause:200ms}") Duration idlePause,
                           @Value("${atelier.shutdown-timeout:30s}") Duration shutdownTimeout) {
        super("notification-dispatcher", idlePause.multipliedBy(5), shutdownTimeout);
        this.delivering = delivering;
        this.idlePause = idlePause;
    }

    @Override
    protected boolean round() {
        return delivering.deliverDue(BATCH) > 0;
    }

    @Override
    protected void idle() throws InterruptedException {
        Thread.sleep(idlePause.toMillis());
    }
}
